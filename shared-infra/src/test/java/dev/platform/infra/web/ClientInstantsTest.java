package dev.platform.infra.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.platform.api.common.DomainException;
import dev.platform.api.common.ErrorCode;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientInstantsTest {

    private static Map<String, String> refusal(String text) {
        DomainException refused =
                catchThrowableOfType(DomainException.class, () -> ClientInstants.parse("as_of", text));
        assertThat(refused).as(text).isNotNull();
        assertThat(refused.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        return refused.fieldErrors();
    }

    @Test
    void parsesAnInstantWithZOrAnOffset() {
        assertThat(ClientInstants.parse("as_of", "2026-11-25T18:51:51.123Z"))
                .isEqualTo(Instant.parse("2026-11-25T18:51:51.123Z"));
        assertThat(ClientInstants.parse("as_of", "2026-11-25T20:51:51.123+02:00"))
                .isEqualTo(Instant.parse("2026-11-25T18:51:51.123Z"));
    }

    @Test
    void acceptsTheFirstAndTheLastInstantOfTheRange() {
        assertThat(ClientInstants.parse("as_of", "0001-01-01T00:00:00Z")).isEqualTo(ClientInstants.MIN);
        assertThat(ClientInstants.parse("as_of", "9999-12-31T23:59:59.999999999Z"))
                .isEqualTo(ClientInstants.MAX);
    }

    @Test
    void refusesAYearOutside0001To9999NamingTheField() {
        for (String outside : new String[] {
            "0000-12-31T23:59:59.999Z",
            "+10000-01-01T00:00:00Z",
            "+999999999-01-01T00:00:00Z",
            "-999999999-01-01T00:00:00Z",
            "-0001-06-01T00:00:00Z",
            // in range as written, out of it in UTC
            "9999-12-31T23:00:00-05:00",
            "0001-01-01T00:30:00+01:00"
        }) {
            assertThat(refusal(outside))
                    .as(outside)
                    .containsExactlyEntriesOf(Map.of("as_of", ClientInstants.OUT_OF_RANGE));
        }
    }

    @Test
    void refusesAMalformedInstantNamingTheField() {
        for (String malformed : new String[] {"yesterday", "2026-13-01T00:00:00Z", "1700000000", "2026-11-25", ""}) {
            assertThat(refusal(malformed))
                    .as(malformed)
                    .containsExactlyEntriesOf(Map.of("as_of", ClientInstants.MALFORMED));
        }
    }
}
