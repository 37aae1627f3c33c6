package dev.platform.query.user;

import dev.platform.api.user.Role;
import dev.platform.api.user.UserId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * Every statement on {@code user_view}, the profiles read model: the projection's writes, the profile read, and
 * the look-ups other features make (is this user a creator? the usernames of a creator's subscribers).
 */
@Component
public class UserViewTable {

    private final JdbcTemplate jdbc;
    private final UserViewWrites creatorWrites;

    /** The table with nobody told of its writes (tests of the statements). */
    UserViewTable(JdbcTemplate jdbc) {
        this(jdbc, UserViewWrites.NONE);
    }

    @Autowired
    UserViewTable(JdbcTemplate jdbc, UserViewWrites creatorWrites) {
        this.jdbc = jdbc;
        this.creatorWrites = creatorWrites;
    }

    /** A row as read: the profile with its e-mail, and the version of the account it shows. */
    record StoredUser(
            UserId id,
            String email,
            String username,
            String bio,
            String role,
            Instant createdAt,
            boolean emailVerified,
            long version) {}

    /**
     * A query with one parameter, the user's id, that has one row when the user exists and has the creator role, none
     * otherwise: for a statement of another table that must also check its creator in the same round trip (a
     * creator's list of posts).
     */
    public static final String CREATOR =
            "SELECT 1 FROM user_view WHERE id = ? AND role = '" + Role.CREATOR.apiName() + "' AND erased_at IS NULL";

    /** Whether the user exists and has the creator role. */
    public boolean isCreator(UserId id) {
        return !jdbc.queryForList(CREATOR, Integer.class, id.value()).isEmpty();
    }

    /** The usernames of these users (those that have a row). */
    public Map<UserId, String> usernames(Collection<UserId> ids) {
        Map<UserId, String> names = new HashMap<>();
        if (ids.isEmpty()) {
            return names;
        }
        jdbc.query(
                "SELECT id, username FROM user_view WHERE id = ANY (?)",
                (RowCallbackHandler) rs -> names.put(new UserId(rs.getObject(1, UUID.class)), rs.getString(2)),
                (Object) ids.stream().map(UserId::value).toArray(UUID[]::new));
        return names;
    }

    Optional<StoredUser> find(UserId id) {
        return jdbc
                .query(
                        "SELECT id, email, username, bio, role, created_at, email_verified, version FROM user_view "
                                + "WHERE id = ? AND erased_at IS NULL",
                        (rs, row) -> new StoredUser(
                                new UserId(rs.getObject(1, UUID.class)),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getTimestamp(6).toInstant(),
                                rs.getBoolean(7),
                                rs.getLong(8)),
                        id.value())
                .stream()
                .findFirst();
    }

    /** A new account's row at {@code version}; nothing when the user has a row already. */
    void insert(UserId id, String email, String username, Role role, Instant registeredAt, long version) {
        jdbc.update(
                "INSERT INTO user_view (id, email, username, bio, role, created_at, updated_at, version) "
                        + "VALUES (?, ?, ?, NULL, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                id.value(),
                email,
                username,
                role.apiName(),
                Timestamp.from(registeredAt),
                Timestamp.from(registeredAt),
                version);
    }

    /**
     * Sets the username and the bio where asked to, where the row is below {@code version}; answers whether a row
     * changed.
     */
    boolean updateProfile(
            UserId id,
            boolean setsUsername,
            String username,
            boolean setsBio,
            String bio,
            Instant updatedAt,
            long version) {
        return jdbc.update(
                        "UPDATE user_view SET username = CASE WHEN ? THEN ? ELSE username END, "
                                + "bio = CASE WHEN ? THEN ? ELSE bio END, updated_at = ?, version = ? "
                                + "WHERE id = ? AND version < ?",
                        setsUsername,
                        username,
                        setsBio,
                        bio,
                        Timestamp.from(updatedAt),
                        version,
                        id.value(),
                        version)
                > 0;
    }

    /**
     * Moves the row to {@code version} for an account change the profile does not show (a password change): the
     * profile's {@code ETag} names the account's version, which {@code If-Match} is checked against. Answers whether
     * a row changed.
     */
    boolean advanceVersion(UserId id, long version) {
        return jdbc.update(
                        "UPDATE user_view SET version = ? WHERE id = ? AND version < ?", version, id.value(), version)
                > 0;
    }

    /** Marks the address verified at {@code version}; false when the row is missing or already past it. */
    boolean markEmailVerified(UserId id, long version) {
        return jdbc.update(
                        "UPDATE user_view SET email_verified = TRUE, version = ? WHERE id = ? AND version < ?",
                        version,
                        id.value(),
                        version)
                > 0;
    }

    /**
     * Anonymises the row of an erased person at {@code version}: no e-mail, username or bio stays, the id, role and
     * dates do. False when the row is missing or already past it.
     */
    boolean erase(UserId id, Instant erasedAt, long version) {
        // An erased creator's list is no more (CREATOR): told, as a write of the lists.
        return creatorWrites.writeUserView(() -> jdbc.update(
                        "UPDATE user_view SET email = NULL, username = NULL, bio = NULL, erased_at = ?, "
                                + "updated_at = ?, version = ? WHERE id = ? AND version < ?",
                        Timestamp.from(erasedAt),
                        Timestamp.from(erasedAt),
                        version,
                        id.value(),
                        version))
                > 0;
    }

    boolean exists(UserId id) {
        Integer rows = jdbc.queryForObject("SELECT count(*) FROM user_view WHERE id = ?", Integer.class, id.value());
        return rows != null && rows > 0;
    }

    /** Empties the table before a rebuild. */
    void truncate() {
        creatorWrites.writeUserView(() -> jdbc.update("TRUNCATE user_view"));
    }
}
