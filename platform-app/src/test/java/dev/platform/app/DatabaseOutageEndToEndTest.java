package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The contract's 503: while PostgreSQL is unreachable every API call answers {@code SERVICE_UNAVAILABLE} with
 * the error body, readiness is DOWN (liveness is not), and the application recovers by itself. The database is
 * cut by a proxy in front of the shared server, for an application of this test's own.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseOutageEndToEndTest {

    @Test
    void whileTheDatabaseIsUnreachableTheApiAnswers503AndRecoversByItself(CapturedOutput output) throws IOException {
        URI database = URI.create(TestDatabase.create("outage").substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(database.getHost(), database.getPort());
                ConfigurableApplicationContext app = StandaloneApplication.start(
                        "jdbc:postgresql://127.0.0.1:" + proxy.port() + database.getPath())) {
            Api api = new Api(StandaloneApplication.port(app));
            TestUser user = api.newUser("creator");
            assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
            String email = "outage-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

            proxy.cut();

            Response register = api.request("POST", "/api/v1/users/register")
                    .header("X-Request-Id", "outage-register")
                    .json(Map.of("email", email, "password", "long-enough", "username", "outage", "role", "reader"))
                    .send();
            assertUnavailable(register);
            assertThat(register.text("correlation_id")).isEqualTo("outage-register");
            assertUnavailable(api.get("/api/v1/users/" + user.id(), user.token()));
            assertUnavailable(api.put("/api/v1/users/" + user.id(), Map.of("bio", "during the outage"), user.token()));
            assertUnavailable(
                    api.post("/api/v1/users/login", Map.of("email", user.email(), "password", user.password()), null));
            Response readiness = api.get("/actuator/health/readiness", null);
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readiness.text("status")).isEqualTo("DOWN");
            assertThat(api.get("/actuator/health/liveness", null).status()).isEqualTo(200);
            assertThat(output.getOut().lines().filter(line -> line.contains("outage-register")))
                    .as("the failure is logged as one JSON line with the request id")
                    .anySatisfy(line -> {
                        JsonNode event = Api.JSON.readTree(line);
                        assertThat(event.path("requestId").asText()).isEqualTo("outage-register");
                        assertThat(event.path("message").asText()).isEqualTo("database unreachable");
                    });

            proxy.restore();

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> api.get("/actuator/health/readiness", null).status() == 200);
            Response read = api.get("/api/v1/users/" + user.id(), user.token());
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.body().get("bio").isNull())
                    .as("the update refused with 503 changed nothing")
                    .isTrue();
            Response unknown = api.post("/api/v1/users/login", Map.of("email", email, "password", "long-enough"), null);
            assertThat(unknown.code())
                    .as("the registration refused with 503 left no account")
                    .isEqualTo("INVALID_CREDENTIALS");
            assertThat(api.put("/api/v1/users/" + user.id(), Map.of("bio", "after"), user.token())
                            .status())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(api.get("/api/v1/users/" + user.id(), user.token())
                                    .text("bio"))
                            .isEqualTo("after"));
        }
    }

    private static void assertUnavailable(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.code()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(response.text("detail")).isNotBlank();
        assertThat(response.text("correlation_id"))
                .isEqualTo(response.header("X-Request-Id").orElseThrow());
    }
}
