package dev.platform.infra.security;

import dev.platform.api.user.UserId;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
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
    private static final byte VERSION = 1;
    private static final int KEY_ID = HmacKey.ID_LENGTH;
    private static final int MAC = 32;
    private static final int SIGNED = 1 + KEY_ID + 16 + 16;
    /** The length of every token this class writes, in characters. */
    public static final int LENGTH = (SIGNED + MAC) / 3 * 4;

    private final HmacKey current;
    private final List<HmacKey> accepted;

    public UnsubscribeTokens(UnsubscribeProperties properties, Environment environment) {
        if (UnsubscribeProperties.DEV_SECRET.equals(properties.secret())) {
            if (environment.acceptsProfiles(Profiles.of("prod"))) {
                throw new IllegalStateException("platform.unsubscribe.secret is the development default; "
                        + "the prod profile requires a real secret");
            }
            log.warn("*** platform.unsubscribe.secret is the DEVELOPMENT DEFAULT: anyone can forge unsubscribe "
                    + "links. Set PLATFORM_UNSUBSCRIBE_SECRET before exposing this service. ***");
        }
        this.current = HmacKey.of(properties.secret(), "platform.unsubscribe.secret");
        List<HmacKey> keys = new ArrayList<>(List.of(current));
        for (String previous : properties.previousSecrets()) {
            keys.add(HmacKey.of(previous, "platform.unsubscribe.previous-secrets"));
        }
        this.accepted = List.copyOf(keys);
    }

    /** The token of the link that cancels this subscriber's subscription to this creator. */
    public String sign(UserId subscriberId, UserId creatorId) {
        ByteBuffer token = ByteBuffer.allocate(SIGNED + MAC);
        token.put(VERSION).put(current.id());
        put(token, subscriberId.value());
        put(token, creatorId.value());
        token.put(current.mac(token.array(), SIGNED));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token.array());
    }

    /** The subscription a token names, or empty when it is not one this platform signed with an accepted key. */
    public Optional<UnsubscribeTarget> verify(String token) {
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
            // Key ids are public (they are in every link) and may collide: then the next key with that id is tried.
            if (Arrays.equals(key.id(), keyId) && MessageDigest.isEqual(key.mac(bytes, SIGNED), mac)) {
                ByteBuffer ids = ByteBuffer.wrap(bytes, 1 + KEY_ID, 32);
                UUID subscriber = new UUID(ids.getLong(), ids.getLong());
                UUID creator = new UUID(ids.getLong(), ids.getLong());
                return Optional.of(new UnsubscribeTarget(new UserId(subscriber), new UserId(creator)));
            }
        }
        return Optional.empty();
    }

    private static void put(ByteBuffer buffer, UUID id) {
        buffer.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
    }
}
