package dev.platform.infra.security;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The envelope of the signed tokens in e-mails ({@link UnsubscribeTokens}, {@link AccountTokens}): base64url (no
 * padding) of a format version (1 byte), the signing key's id ({@link HmacKey#ID_LENGTH} bytes), the fields of the
 * token's kind, and HMAC-SHA256 over everything before it. The current key signs; it and the previous keys of the
 * rotation verify. The MAC is compared in constant time. The fields are the caller's: this class only seals and
 * opens them.
 */
final class SignedTokens {

    private static final byte VERSION = 1;
    private static final int HEADER = 1 + HmacKey.ID_LENGTH;
    private static final int MAC = 32;

    private final int signed;
    private final HmacKey current;
    private final List<HmacKey> accepted;

    /**
     * Keys from {@code <prefix>.secret} and {@code <prefix>.previous-secrets} (named so in errors); tokens of {@code
     * fieldsLength} bytes of fields.
     */
    SignedTokens(String prefix, String secret, List<String> previousSecrets, int fieldsLength) {
        this.signed = HEADER + fieldsLength;
        this.current = HmacKey.of(secret, prefix + ".secret");
        List<HmacKey> keys = new ArrayList<>(List.of(current));
        for (String previous : previousSecrets) {
            keys.add(HmacKey.of(previous, prefix + ".previous-secrets"));
        }
        this.accepted = List.copyOf(keys);
    }

    /** The length of every token of this kind, in characters (the byte length is a multiple of 3: no padding). */
    static int length(int fieldsLength) {
        return (HEADER + fieldsLength + MAC) / 3 * 4;
    }

    /** A token whose fields {@code fields} writes (exactly the length given at construction). */
    String sign(Consumer<ByteBuffer> fields) {
        ByteBuffer token = ByteBuffer.allocate(signed + MAC);
        token.put(VERSION).put(current.id());
        fields.accept(token);
        token.put(current.mac(token.array(), signed));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token.array());
    }

    /** The token's fields, positioned at their start, or empty when no accepted key signed exactly this token. */
    Optional<ByteBuffer> verify(String token) {
        if (token == null || token.length() != length(signed - HEADER)) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (bytes.length != signed + MAC || bytes[0] != VERSION) {
            return Optional.empty();
        }
        byte[] keyId = Arrays.copyOfRange(bytes, 1, HEADER);
        byte[] mac = Arrays.copyOfRange(bytes, signed, signed + MAC);
        for (HmacKey key : accepted) {
            // Key ids are public (they are in every token) and may collide: then the next key with that id is tried.
            if (Arrays.equals(key.id(), keyId) && MessageDigest.isEqual(key.mac(bytes, signed), mac)) {
                return Optional.of(ByteBuffer.wrap(bytes, HEADER, signed - HEADER));
            }
        }
        return Optional.empty();
    }
}
