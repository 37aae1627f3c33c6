package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.app.Api.TestUser;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Logs are one JSON object per line with the request id as a field, and never hold a secret. */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingEndToEndTest extends EndToEndTest {

    @Test
    void eachLogEventIsOneJsonLineWithTheRequestId(CapturedOutput output) throws Exception {
        String requestId = "log-" + UUID.randomUUID();
        MDC.put("requestId", requestId);
        try {
            LoggerFactory.getLogger(StructuredLoggingEndToEndTest.class).info("structured logging check");
        } finally {
            MDC.remove("requestId");
        }

        String line = output.getOut()
                .lines()
                .filter(l -> l.contains(requestId))
                .findFirst()
                .orElseThrow();
        JsonNode event = Api.JSON.readTree(line);
        assertThat(event.path("requestId").asText()).isEqualTo(requestId);
        assertThat(event.path("message").asText()).isEqualTo("structured logging check");
        assertThat(event.at("/log/level").asText()).isEqualTo("INFO");
        assertThat(event.path("@timestamp").asText()).isNotBlank();
    }

    @Test
    void noPasswordHashOrTokenReachesTheLogs(CapturedOutput output) throws SQLException {
        TestUser user = api.newUser("creator");
        String wrongPassword = "wrong-" + UUID.randomUUID();
        assertThat(api.post("/api/v1/users/login", Map.of("email", user.email(), "password", wrongPassword), null)
                        .status())
                .isEqualTo(401);
        assertThat(api.get("/api/v1/users/" + user.id(), user.token()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/users/" + user.id(), user.token() + "x").status())
                .isEqualTo(401);
        String rejectedPassword = "rejected-" + UUID.randomUUID();
        assertThat(api.post(
                                "/api/v1/users/register",
                                Map.of("email", "not-an-email", "password", rejectedPassword, "role", "reader"),
                                null)
                        .status())
                .isEqualTo(400);
        String hash = storedHash(user.id());
        assertThat(hash).startsWith("$argon2");

        String logs = output.toString();
        assertThat(logs)
                .doesNotContain(user.password())
                .doesNotContain(wrongPassword)
                .doesNotContain(rejectedPassword)
                .doesNotContain("$argon2")
                .doesNotContain(hash.substring(hash.lastIndexOf('$') + 1))
                .doesNotContain(user.token())
                .doesNotContain(user.token().substring(user.token().lastIndexOf('.') + 1));
    }

    private static String storedHash(String userId) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                        TestDatabase.sharedUrl(), TestDatabase.user(), TestDatabase.password());
                PreparedStatement query =
                        connection.prepareStatement("SELECT password_hash FROM user_credentials WHERE user_id = ?")) {
            query.setObject(1, UUID.fromString(userId));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }
}
