package dev.platform.infra.security;

import dev.platform.api.user.UserId;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * This process's copy of the recent token cutoffs: per user who changed their password lately, the earliest issue
 * time of a token still accepted. Only cutoffs younger than a token's lifetime matter (every token issued before an
 * older one has expired), so the copy holds the changes of about one lifetime and no more. Read by every
 * authenticated request without a lock; written by one poller and by the node that made a change.
 */
final class TokenCutoffs {

    private final ConcurrentMap<UserId, Instant> notBefore = new ConcurrentHashMap<>();

    /** Takes a cutoff in; a lower one than known changes nothing (cutoffs only rise). */
    void learn(UserId user, Instant cutoff) {
        notBefore.merge(user, cutoff, (known, learned) -> learned.isAfter(known) ? learned : known);
    }

    /**
     * Whether a token of this user issued at {@code issuedAt} (the {@code iat} claim: whole seconds) is refused. A
     * cutoff is a whole second too, so the comparison is exact: a token issued in the cutoff's second passes.
     */
    boolean refuses(UserId user, Instant issuedAt) {
        Instant cutoff = notBefore.get(user);
        return cutoff != null && issuedAt.isBefore(cutoff);
    }

    /** Drops the cutoffs before {@code horizon}: no unexpired token is older than they are. */
    void forgetBefore(Instant horizon) {
        notBefore.values().removeIf(cutoff -> cutoff.isBefore(horizon));
    }

    int size() {
        return notBefore.size();
    }
}
