package dev.platform.infra.security;

import dev.platform.api.user.UserId;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Signs and checks the tokens of one-click unsubscribe links: the notification side writes them into e-mails, the
 * command side checks them, so both must agree byte for byte (hence shared-infra).
 *
 * <p>A token is base64url (no padding) of 69 bytes: a format version (1), a key id (4 bytes: the start of the
 * SHA-256 of the key, so a check needs one HMAC, not one per key), the subscriber's and the creator's UUIDs (16
 * bytes each), and HMAC-SHA256 over everything before it with {@code platform.unsubscribe.secret}. 69 is a multiple
 * of 3, so every character of the 92 carries whole bits: a changed character always changes the bytes. The MAC is
 * compared in constant time ({@link MessageDigest#isEqual}).
 *
 * <p>No expiry, on purpose: the link must work as long as the e-mail exists (a year-old newsletter must still
 * unsubscribe), and what it can do is bounded: it cancels one subscription, which stays cancelled until its
 * subscriber subscribes again, an explicit act behind their login. Rotating the key is the way to retire links:
 * links signed with a key neither current nor in {@code previous-secrets} are refused.
 */
@Component
public class UnsubscribeTokens {

    private static final Logger log = LoggerFactory.getLogger(UnsubscribeTokens.class);
    private static final int FIELDS = 16 + 16;
    /** The length of every token this class writes, in characters. */
    public static final int LENGTH = SignedTokens.length(FIELDS);

    private final SignedTokens tokens;

    public UnsubscribeTokens(UnsubscribeProperties properties, Environment environment) {
        if (UnsubscribeProperties.DEV_SECRET.equals(properties.secret())) {
            if (environment.acceptsProfiles(Profiles.of("prod"))) {
                throw new IllegalStateException("platform.unsubscribe.secret is the development default; "
                        + "the prod profile requires a real secret");
            }
            log.warn("*** platform.unsubscribe.secret is the DEVELOPMENT DEFAULT: anyone can forge unsubscribe "
                    + "links. Set PLATFORM_UNSUBSCRIBE_SECRET before exposing this service. ***");
        }
        this.tokens =
                new SignedTokens("platform.unsubscribe", properties.secret(), properties.previousSecrets(), FIELDS);
    }

    /** The token of the link that cancels this subscriber's subscription to this creator. */
    public String sign(UserId subscriberId, UserId creatorId) {
        return tokens.sign(fields -> {
            put(fields, subscriberId.value());
            put(fields, creatorId.value());
        });
    }

    /** The subscription a token names, or empty when it is not one this platform signed with an accepted key. */
    public Optional<UnsubscribeTarget> verify(String token) {
        return tokens.verify(token).map(ids -> {
            UUID subscriber = new UUID(ids.getLong(), ids.getLong());
            UUID creator = new UUID(ids.getLong(), ids.getLong());
            return new UnsubscribeTarget(new UserId(subscriber), new UserId(creator));
        });
    }

    private static void put(ByteBuffer buffer, UUID id) {
        buffer.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
    }
}
