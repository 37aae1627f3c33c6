package dev.platform.infra.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One HMAC-SHA256 key of the signed links in e-mails ({@link UnsubscribeTokens}, {@link AccountTokens}) and its
 * public id: the start of the SHA-256 of the key, written into each token so a check needs one HMAC, not one per
 * accepted key.
 */
record HmacKey(SecretKeySpec spec, byte[] id) {

    static final int ID_LENGTH = 4;
    private static final String ALGORITHM = "HmacSHA256";

    /** A key from its secret, refused when shorter than 32 bytes; {@code property} names it in the error. */
    static HmacKey of(String secret, String property) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new IllegalStateException(property + " must be at least 32 bytes, one has " + bytes.length);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return new HmacKey(new SecretKeySpec(bytes, ALGORITHM), Arrays.copyOf(digest, ID_LENGTH));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    /** The MAC of the first {@code length} bytes of {@code input}. */
    byte[] mac(byte[] input, int length) {
        try {
            // A Mac is not thread-safe and cheap to make: one per call.
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(spec);
            mac.update(input, 0, length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no " + ALGORITHM + " in this JVM", e);
        }
    }
}
