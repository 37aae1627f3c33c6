package dev.platform.app;

import static dev.platform.app.Api.subject;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.app.Api.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Stopping and starting the application loses nothing: what was registered before logs in after. */
class RestartEndToEndTest {

    @Test
    void usersRegisteredBeforeARestartLogInAfterIt() {
        String database = TestDatabase.create("restart");
        String email = "restart@example.com";

        try (ConfigurableApplicationContext first = start(database)) {
            Api api = new Api(port(first));
            Response registered = api.post(
                    "/api/v1/users/register",
                    Map.of("email", email, "password", "survives-restarts", "username", "restarter", "role", "creator"),
                    null);
            assertThat(registered.status()).isEqualTo(201);
            api.put(
                    "/api/v1/users/" + registered.text("id"),
                    Map.of("bio", "before"),
                    api.login(email, "survives-restarts"));
        }

        try (ConfigurableApplicationContext second = start(database)) {
            Api api = new Api(port(second));
            String token = api.login(email, "survives-restarts");
            Response me = api.get("/api/v1/users/" + subject(token), token);
            assertThat(me.status()).isEqualTo(200);
            assertThat(me.text("bio")).isEqualTo("before");
            assertThat(me.text("username")).isEqualTo("restarter");
        }
    }

    private static ConfigurableApplicationContext start(String database) {
        // Arguments, not default properties: those rank below platform-defaults.yml.
        return new SpringApplicationBuilder(PlatformApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + database,
                        "--spring.datasource.username=" + TestDatabase.user(),
                        "--spring.datasource.password=" + TestDatabase.password());
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }
}
