package dev.platform.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The event serializer's instants read as the JavaTimeModule alone reads them, whatever their shape. */
class FastInstantsTest {

    private final ObjectMapper events = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .build()
            .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule()
                    .addDeserializer(Instant.class, new FastInstants()));
    private final ObjectMapper javaTime =
            JsonMapper.builder().addModule(new JavaTimeModule()).build();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"2025-01-31T12:34:56Z\"",
                "\"2025-01-31T12:34:56.123456789Z\"",
                "\"2025-01-31T14:34:56+02:00\"",
                "1738326896.5",
                "1738326896",
                "null"
            })
    void readsAsTheJavaTimeModule(String json) throws Exception {
        assertThat(events.readValue(json, Instant.class)).isEqualTo(javaTime.readValue(json, Instant.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"2025-02-29T00:00:00Z\"", "\"yesterday\"", "true"})
    void refusesWhatTheJavaTimeModuleRefuses(String json) {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> javaTime.readValue(json, Instant.class)))
                .isNotNull();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> events.readValue(json, Instant.class)))
                .isNotNull();
    }
}
