package dev.platform.query.user;

import dev.platform.api.common.ReadModels;
import dev.platform.api.user.ProfileField;
import dev.platform.api.user.UserProfileUpdated;
import dev.platform.api.user.UserRegistered;
import dev.platform.infra.axon.StorableText;
import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Projects users into {@code user_view}. Idempotent under redelivery: each row remembers the last applied
 * sequence number and older events leave it alone. A profile update for a row that is missing is an error
 * (the event parks in the dead-letter queue), never silently skipped. Text the table cannot store (a NUL in an event
 * from before the API refused it) is stored without it ({@link StorableText}).
 */
@Component
@ProcessingGroup(ReadModels.USERS)
class UserProjection {

    private final JdbcTemplate jdbc;

    UserProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(UserRegistered event, @SequenceNumber long sequence) {
        jdbc.update(
                "INSERT INTO user_view (id, email, username, bio, role, created_at, updated_at, version) "
                        + "VALUES (?, ?, ?, NULL, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                event.userId().value(),
                StorableText.of(event.email(), "email", event.userId()),
                StorableText.of(event.username(), "username", event.userId()),
                event.role().apiName(),
                Timestamp.from(event.registeredAt()),
                Timestamp.from(event.registeredAt()),
                sequence);
    }

    @EventHandler
    void on(UserProfileUpdated event, @SequenceNumber long sequence) {
        // Only the fields the update set change; the event holds no value for the others.
        int updated = jdbc.update(
                "UPDATE user_view SET username = CASE WHEN ? THEN ? ELSE username END, "
                        + "bio = CASE WHEN ? THEN ? ELSE bio END, updated_at = ?, version = ? "
                        + "WHERE id = ? AND version < ?",
                event.sets(ProfileField.USERNAME),
                StorableText.of(event.username(), "username", event.userId()),
                event.sets(ProfileField.BIO),
                StorableText.of(event.bio(), "bio", event.userId()),
                Timestamp.from(event.updatedAt()),
                sequence,
                event.userId().value(),
                sequence);
        if (updated == 0) {
            Integer rows = jdbc.queryForObject(
                    "SELECT count(*) FROM user_view WHERE id = ?",
                    Integer.class,
                    event.userId().value());
            if (rows == null || rows == 0) {
                throw new IllegalStateException("user_view has no row for " + event.userId());
            }
        }
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE user_view");
    }
}
