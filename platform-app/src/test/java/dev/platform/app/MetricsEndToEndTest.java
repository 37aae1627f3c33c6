package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Prometheus scrapes HTTP and Axon metrics from {@code /actuator/prometheus} (internal network, no token). */
class MetricsEndToEndTest extends EndToEndTest {

    private static final String POST_READS = "http_server_requests_seconds_count{error=\"none\",exception=\"none\","
            + "method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/api/v1/posts/{id}\"}";

    @Autowired
    ApplicationContext context;

    /** The count of one series in a scrape (0 when it is not there yet). */
    private double series(String prefix) {
        return api.get("/actuator/prometheus", null)
                .raw()
                .body()
                .lines()
                .filter(line -> line.startsWith(prefix + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** RequestTimer takes the place of Spring Boot's observation filter: each request is counted once, not twice. */
    @Test
    void eachRequestIsTimedOnceWithTheRoutesPattern() {
        assertThat(context.containsBean("webMvcObservationFilter")).isFalse();
        assertThat(context.containsBean("requestTimer")).isTrue();
        TestUser creator = api.newUser("creator");
        String postId = api.newPost(creator, "Timed", "Counted once per read.");
        double before = series(POST_READS);

        for (int i = 0; i < 7; i++) {
            assertThat(api.get("/api/v1/posts/" + postId, creator.token()).status())
                    .isEqualTo(200);
        }

        assertThat(series(POST_READS) - before).isEqualTo(7.0);
    }

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
