package dev.platform.infra.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PersonalDataCipherTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER_KEY = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
    private static final String CONTEXT = "3f2c1f9e-8f7a-4a55-9a4e-0c8d3b1e2a10/email";

    @Test
    void aSealedValueOpensWithItsKeyAndContext() {
        byte[] sealed = PersonalDataCipher.seal(KEY, CONTEXT, "ada@example.com");

        assertThat(PersonalDataCipher.open(KEY, CONTEXT, sealed)).isEqualTo("ada@example.com");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("ada@example.com");
    }

    @Test
    void everySealingTakesAFreshNonce() {
        byte[] first = PersonalDataCipher.seal(KEY, CONTEXT, "ada@example.com");
        byte[] second = PersonalDataCipher.seal(KEY, CONTEXT, "ada@example.com");

        assertThat(first).hasSize(12 + "ada@example.com".length() + 16);
        assertThat(Arrays.copyOf(first, 12)).isNotEqualTo(Arrays.copyOf(second, 12));
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void refusesAnotherKeyAnotherContextOrATamperedValue() {
        byte[] sealed = PersonalDataCipher.seal(KEY, CONTEXT, "ada@example.com");
        byte[] tampered = sealed.clone();
        tampered[20] ^= 1;

        assertThatThrownBy(() -> PersonalDataCipher.open(OTHER_KEY, CONTEXT, sealed))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PersonalDataCipher.open(KEY, "someone-else/email", sealed))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PersonalDataCipher.open(KEY, CONTEXT, tampered))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining(new String(KEY, StandardCharsets.US_ASCII));
    }
}
