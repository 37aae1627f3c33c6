package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.app.Api.Response;
import org.junit.jupiter.api.Test;

/** Prometheus scrapes HTTP and Axon metrics from {@code /actuator/prometheus} (internal network, no token). */
class MetricsEndToEndTest extends EndToEndTest {

    @Test
    void prometheusShowsHttpAndAxonMetricsAfterARequest() {
        api.newUser("reader");

        Response scrape = api.get("/actuator/prometheus", null);

        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.header("Content-Type").orElseThrow()).startsWith("text/plain");
        String metrics = scrape.raw().body();
        assertThat(metrics.lines())
                .anyMatch(line -> line.startsWith("http_server_requests_seconds_count{")
                        && line.contains("uri=\"/api/v1/users/register\"")
                        && line.contains("status=\"201\""));
        assertThat(metrics.lines())
                .as("commands counted per type")
                .anyMatch(line -> line.startsWith("commandBus_successCounter_total{payloadType=\"RegisterUser\"}"));
        assertThat(metrics.lines())
                .as("processor latency per processing group")
                .anyMatch(line -> line.startsWith("eventProcessor_latency{processorName=\"users\"}"));
    }
}
