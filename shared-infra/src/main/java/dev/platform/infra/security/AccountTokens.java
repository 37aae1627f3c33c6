package dev.platform.infra.security;

import dev.platform.api.user.UserId;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Signs and checks the tokens of account e-mails (address verification, password reset). The notification side
 * signs a token when it writes the e-mail and the command side checks it, so no token is ever stored in an event
 * (admins export the event store): the events carry only the request number.
 *
 * <p>A token is base64url (no padding) of 66 bytes: a format version (1), a key id (4 bytes, see {@link HmacKey}),
 * the user's UUID (16), the purpose (1), the request number (4), the expiry in epoch seconds (8), and HMAC-SHA256
 * over everything before it with {@code platform.account-tokens.secret}. 66 is a multiple of 3, so every one of the
 * 88 characters carries whole bits: a changed character always changes the bytes. The MAC is compared in constant
 * time. Expiry is checked here; single use is the command side's part (the aggregate knows which requests are
 * spent).
 */
@Component
public class AccountTokens {

    private static final Logger log = LoggerFactory.getLogger(AccountTokens.class);
    private static final byte VERSION = 1;
    private static final int KEY_ID = HmacKey.ID_LENGTH;
    private static final int MAC = 32;
    private static final int SIGNED = 1 + KEY_ID + 16 + 1 + 4 + 8;
    /** The length of every token this class writes, in characters. */
    public static final int LENGTH = (SIGNED + MAC) / 3 * 4;

    private final AccountTokenProperties properties;
    private final Clock clock;
    private final HmacKey current;
    private final List<HmacKey> accepted;

    public AccountTokens(AccountTokenProperties properties, Environment environment, Clock clock) {
        if (AccountTokenProperties.DEV_SECRET.equals(properties.secret())) {
            if (environment.acceptsProfiles(Profiles.of("prod"))) {
                throw new IllegalStateException("platform.account-tokens.secret is the development default; "
                        + "the prod profile requires a real secret");
            }
            log.warn("*** platform.account-tokens.secret is the DEVELOPMENT DEFAULT: anyone can forge password "
                    + "reset tokens. Set PLATFORM_ACCOUNT_TOKENS_SECRET before exposing this service. ***");
        }
        this.properties = properties;
        this.clock = clock;
        this.current = HmacKey.of(properties.secret(), "platform.account-tokens.secret");
        List<HmacKey> keys = new ArrayList<>(List.of(current));
        for (String previous : properties.previousSecrets()) {
            keys.add(HmacKey.of(previous, "platform.account-tokens.previous-secrets"));
        }
        this.accepted = List.copyOf(keys);
    }

    /** A token for this user's request, valid for the purpose's lifetime from now. */
    public String sign(UserId userId, AccountTokenPurpose purpose, int request) {
        Instant expiresAt = clock.instant().plus(properties.ttl(purpose));
        ByteBuffer token = ByteBuffer.allocate(SIGNED + MAC);
        token.put(VERSION).put(current.id());
        token.putLong(userId.value().getMostSignificantBits())
                .putLong(userId.value().getLeastSignificantBits());
        token.put(purpose.code).putInt(request).putLong(expiresAt.getEpochSecond());
        token.put(current.mac(token.array(), SIGNED));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token.array());
    }

    /**
     * What a token names, or empty when it is not one this platform signed with an accepted key, is for another
     * purpose, or has expired.
     */
    public Optional<AccountToken> verify(String token, AccountTokenPurpose purpose) {
        if (token == null || token.length() != LENGTH) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (bytes.length != SIGNED + MAC || bytes[0] != VERSION) {
            return Optional.empty();
        }
        byte[] keyId = Arrays.copyOfRange(bytes, 1, 1 + KEY_ID);
        byte[] mac = Arrays.copyOfRange(bytes, SIGNED, SIGNED + MAC);
        for (HmacKey key : accepted) {
            // Key ids are public and may collide: then the next key with that id is tried.
            if (Arrays.equals(key.id(), keyId) && MessageDigest.isEqual(key.mac(bytes, SIGNED), mac)) {
                return read(ByteBuffer.wrap(bytes, 1 + KEY_ID, SIGNED - 1 - KEY_ID), purpose);
            }
        }
        return Optional.empty();
    }

    private Optional<AccountToken> read(ByteBuffer fields, AccountTokenPurpose expected) {
        UUID user = new UUID(fields.getLong(), fields.getLong());
        AccountTokenPurpose purpose = AccountTokenPurpose.of(fields.get());
        int request = fields.getInt();
        Instant expiresAt = Instant.ofEpochSecond(fields.getLong());
        if (purpose != expected || !clock.instant().isBefore(expiresAt)) {
            return Optional.empty();
        }
        return Optional.of(new AccountToken(new UserId(user), purpose, request, expiresAt));
    }
}
