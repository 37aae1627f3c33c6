package dev.platform.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventTimestampsTest {

    @Test
    void readsWhatAxonAndJacksonWriteAsAxonReadsIt() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(
                    random.nextLong(
                            Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
                            Instant.parse("9999-12-31T23:59:59Z").getEpochSecond() + 1),
                    random.nextInt(1_000_000_000) / (int) Math.pow(10, random.nextInt(10)));
            for (String text : new String[] {DateTimeUtils.formatInstant(instant), instant.toString()}) {
                assertThat(EventTimestamps.parseUtc(text)).as(text).isNotNull();
                assertThat(EventTimestamps.parseUtc(text)).as(text).isEqualTo(DateTimeUtils.parseInstant(text));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2025-03-01T00:00:00Z",
                "2024-02-29T23:59:59.999999999Z",
                "1970-01-01T00:00:00.1Z",
                "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.123Z"
            })
    void takesTheFastPathForTheUtcShape(String text) {
        assertThat(EventTimestamps.parseUtc(text)).isEqualTo(DateTimeUtils.parseInstant(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2025-03-01T02:00:00+02:00",
                "2025-03-01t00:00:00z",
                "2025-03-01T00:00Z",
                "+12025-03-01T00:00:00Z",
                "2025-03-01T00:00:00.1234567890Z",
                "2025-03-01T00:00:00.Z"
            })
    void leavesAnyOtherShapeToAxon(String text) {
        assertThat(EventTimestamps.parseUtc(text)).isNull();
        sameAsAxon(text);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2025-02-29T00:00:00Z",
                "2025-13-01T00:00:00Z",
                "2025-01-01T24:00:00Z",
                "2025-01-01T00:60:00Z",
                "2025-01-01T00:00:60Z",
                "2025-01-01 00:00:00Z",
                "2025-0a-01T00:00:00Z",
                "not a time at all, not at all"
            })
    void failsAsAxonDoesOnTextThatIsNoInstant(String text) {
        assertThat(EventTimestamps.parseUtc(text)).isNull();
        assertThatThrownBy(() -> DateTimeUtils.parseInstant(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> EventTimestamps.parse(text)).isInstanceOf(DateTimeParseException.class);
    }

    /** The same instant as Axon's parser, or the same kind of failure. */
    private static void sameAsAxon(String text) {
        Instant expected;
        try {
            expected = DateTimeUtils.parseInstant(text);
        } catch (DateTimeParseException e) {
            assertThatThrownBy(() -> EventTimestamps.parse(text)).isInstanceOf(DateTimeParseException.class);
            return;
        }
        assertThat(EventTimestamps.parse(text)).isEqualTo(expected);
    }
}
