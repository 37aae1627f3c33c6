package dev.platform.command.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.app.EndToEndTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Old {@code login_failure} rows go; the failures that still count stay. */
class LoginFailurePurgeTest extends EndToEndTest {

    @Autowired
    LoginFailurePurge purge;

    @Autowired
    JdbcTemplate jdbc;

    private long failures(String email) {
        return jdbc.queryForObject("SELECT count(*) FROM login_failure WHERE email = ?", Long.class, email);
    }

    @Test
    void failuresOlderThanTheWindowArePurgedInBatchesAndRecentOnesStay() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String old = "purge-old-" + run + "@example.com";
        String recent = "purge-recent-" + run + "@example.com";
        int oldRows = LoginFailurePurge.BATCH + 5;
        jdbc.update(
                "INSERT INTO login_failure (email, failed_at)"
                        + " SELECT ?, now() - interval '2 minutes' - g * interval '1 millisecond'"
                        + " FROM generate_series(1, ?) g",
                old,
                oldRows);
        assertThat(api.post("/api/v1/users/login", Map.of("email", recent, "password", "wrong-password"), null)
                        .status())
                .isEqualTo(401);

        int deleted = purge.purge();

        assertThat(deleted).isGreaterThanOrEqualTo(oldRows);
        assertThat(failures(old)).isZero();
        assertThat(failures(recent)).isEqualTo(1);
        assertThat(purge.isRunning()).isTrue();
    }
}
