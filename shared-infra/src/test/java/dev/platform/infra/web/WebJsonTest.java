package dev.platform.infra.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The API's instants written digit by digit are exactly what the formatter of the pattern writes. */
class WebJsonTest {

    @Test
    void theFastWriterWritesWhatTheFormatterWrites() {
        List<Instant> instants = new ArrayList<>(List.of(
                Instant.EPOCH,
                Instant.parse("1969-12-31T23:59:59.999999999Z"),
                Instant.parse("2026-11-25T18:51:51.123Z"),
                Instant.parse("2024-02-29T00:00:00.000500Z"),
                Instant.parse("0001-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999Z"),
                Instant.parse("0000-12-31T23:59:59Z"),
                Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-06-01T12:00:00Z")));
        Random random = new Random(17);
        for (int i = 0; i < 200_000; i++) {
            long second = random.nextLong(-62_200_000_000L, 253_500_000_000L);
            instants.add(Instant.ofEpochSecond(second, random.nextInt(1_000_000_000)));
        }
        for (Instant instant : instants) {
            assertThat(WebJson.format(instant)).as("%s", instant).isEqualTo(WebJson.INSTANT.format(instant));
        }
    }
}
