package dev.platform.command.subscription;

import dev.platform.api.user.Role;
import dev.platform.api.user.UserId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Who may be subscribed to, from the command side's own {@code user_credentials} table (written in the same
 * transaction as the registration, so a registered creator is visible at once). Never the query side's tables.
 */
@Repository
class Creators {

    private final JdbcTemplate jdbc;

    Creators(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether this user exists and has the creator role. */
    boolean isCreator(UserId userId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM user_credentials WHERE user_id = ? AND role = ?)",
                Boolean.class,
                userId.value(),
                Role.CREATOR.name()));
    }
}
