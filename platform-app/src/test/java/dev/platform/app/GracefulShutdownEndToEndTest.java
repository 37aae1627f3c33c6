package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A node that shuts down hands its event processors' segments back at once: the token claims it held in
 * {@code token_entry} are released, so another node takes over without waiting for the claim timeout.
 */
class GracefulShutdownEndToEndTest {

    @Test
    void closingTheApplicationReleasesItsTokenClaims() throws SQLException {
        String database = TestDatabase.create("shutdown");
        ConfigurableApplicationContext app = StandaloneApplication.start(database);
        try {
            new Api(StandaloneApplication.port(app)).newUser("reader");
            await().atMost(Duration.ofSeconds(30)).until(() -> count(database, "owner IS NOT NULL") > 0);
        } finally {
            app.close();
        }

        assertThat(count(database, "owner IS NOT NULL")).isZero();
        assertThat(count(database, "processor_name = 'users'")).isPositive();
    }

    private static long count(String database, String condition) throws SQLException {
        try (Connection connection =
                        DriverManager.getConnection(database, TestDatabase.user(), TestDatabase.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM token_entry WHERE " + condition)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
