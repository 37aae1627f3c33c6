package dev.platform.infra.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Instant;

/**
 * The access tokens this process has verified lately, so that a client sending the same token again is not verified
 * again: an HMAC and the parsing of the token's JSON were about a fifth of a read's CPU ({@code docs/benchmarks.md},
 * "Issue 17: reads"). Keyed by the whole token string, so a token differing in one character (another signature, a
 * changed claim) is never taken for a cached one. A hit counts only while the token's expiry lies ahead: the cache
 * never accepts a token the signature check would refuse as expired. It holds only what a verification proved
 * (signature, algorithm, issuer, claims); the revocation of a user's older tokens (password change, reset,
 * erasure: {@link RevokedTokens}) is checked on every request after it, cached or not. Bounded: the least used
 * entries go first, and an entry is dropped at the latest when its token expires.
 */
final class VerifiedTokens {

    /** A verification's result and the token's expiry ({@code exp}, whole seconds). */
    record Entry(JwtService.VerifiedToken token, Instant expiresAt) {}

    private final Cache<String, Entry> entries;

    VerifiedTokens(int maximumSize) {
        this.entries = maximumSize <= 0
                ? null
                : Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    /** The cached verification of this token, if it has one and the token has not expired at {@code now}. */
    JwtService.VerifiedToken find(String token, Instant now) {
        if (entries == null) {
            return null;
        }
        Entry entry = entries.getIfPresent(token);
        if (entry == null) {
            return null;
        }
        if (!now.isBefore(entry.expiresAt())) {
            entries.invalidate(token);
            return null;
        }
        return entry.token();
    }

    /** Remembers a token that has just passed verification. */
    void remember(String token, JwtService.VerifiedToken verified, Instant expiresAt) {
        if (entries != null) {
            entries.put(token, new Entry(verified, expiresAt));
        }
    }

    long size() {
        if (entries == null) {
            return 0;
        }
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
