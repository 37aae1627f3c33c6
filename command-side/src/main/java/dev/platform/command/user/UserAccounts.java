package dev.platform.command.user;

import dev.platform.api.user.Role;
import dev.platform.api.user.UserId;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The command side's account tables: credentials (unique e-mail, password hash, role) and username claims.
 * Writes join the transaction of the command being handled, so a claim and the event that needs it commit or
 * roll back together.
 */
@Repository
class UserAccounts {

    private final JdbcTemplate jdbc;

    UserAccounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Credentials(UserId userId, String email, String passwordHash, Role role) {}

    static String emailKey(String email) {
        return email.toLowerCase(Locale.ROOT);
    }

    static String usernameKey(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    /**
     * Claims the e-mail; under a race the unique index makes the later transaction wait for the earlier one and
     * then find the row taken.
     *
     * @return false when another account has it
     */
    boolean claimEmail(UserId userId, String email, String passwordHash, Role role) {
        return jdbc.update(
                        "INSERT INTO user_credentials (user_id, email, password_hash, role) VALUES (?, ?, ?, ?) "
                                + "ON CONFLICT DO NOTHING",
                        userId.value(),
                        emailKey(email),
                        passwordHash,
                        role.name())
                == 1;
    }

    /**
     * Claims the username for this user and releases the user's previous one.
     *
     * @return false when another account has it
     */
    boolean claimUsername(UserId userId, String username) {
        String key = usernameKey(username);
        int claimed = jdbc.update(
                "INSERT INTO username_claim (username_key, user_id) VALUES (?, ?) "
                        + "ON CONFLICT (username_key) DO UPDATE SET user_id = EXCLUDED.user_id "
                        + "WHERE username_claim.user_id = EXCLUDED.user_id",
                key,
                userId.value());
        if (claimed == 0) {
            return false;
        }
        jdbc.update("DELETE FROM username_claim WHERE user_id = ? AND username_key <> ?", userId.value(), key);
        return true;
    }

    Optional<Credentials> findByEmail(String email) {
        return jdbc
                .query(
                        "SELECT user_id, email, password_hash, role FROM user_credentials WHERE email = ?",
                        (rs, row) -> new Credentials(
                                new UserId(rs.getObject(1, UUID.class)),
                                rs.getString(2),
                                rs.getString(3),
                                Role.valueOf(rs.getString(4))),
                        emailKey(email))
                .stream()
                .findFirst();
    }

    void changePasswordHash(UserId userId, String passwordHash) {
        jdbc.update("UPDATE user_credentials SET password_hash = ? WHERE user_id = ?", passwordHash, userId.value());
    }
}
