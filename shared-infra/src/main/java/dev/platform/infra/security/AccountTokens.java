package dev.platform.infra.security;

import dev.platform.api.user.UserId;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
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
    private static final int FIELDS = 16 + 1 + 4 + 8;
    /** The length of every token this class writes, in characters. */
    public static final int LENGTH = SignedTokens.length(FIELDS);

    private final AccountTokenProperties properties;
    private final Clock clock;
    private final SignedTokens tokens;

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
        this.tokens =
                new SignedTokens("platform.account-tokens", properties.secret(), properties.previousSecrets(), FIELDS);
    }

    /** A token for this user's request, valid for the purpose's lifetime from now. */
    public String sign(UserId userId, AccountTokenPurpose purpose, int request) {
        Instant expiresAt = clock.instant().plus(properties.ttl(purpose));
        return tokens.sign(fields -> fields.putLong(userId.value().getMostSignificantBits())
                .putLong(userId.value().getLeastSignificantBits())
                .put(purpose.code)
                .putInt(request)
                .putLong(expiresAt.getEpochSecond()));
    }

    /**
     * What a token names, or empty when it is not one this platform signed with an accepted key, is for another
     * purpose, or has expired.
     */
    public Optional<AccountToken> verify(String token, AccountTokenPurpose purpose) {
        return tokens.verify(token).flatMap(fields -> read(fields, purpose));
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
