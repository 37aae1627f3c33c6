package dev.platform.command.user;

import dev.platform.api.user.Role;
import dev.platform.api.user.UserId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The command side's account tables: credentials (unique e-mail, password hash, role) and username claims.
 * Writes join the transaction of the command being handled, so a claim and the event that needs it commit or
 * roll back together.
 */
@Repository
class UserAccounts {

    private static final String EMAIL_CLAIM = "email";
    private static final String USERNAME_CLAIM = "username";

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
        if (quarantined(EMAIL_CLAIM, emailKey(email))) {
            return false;
        }
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
     * Gives this user the username: each user has one claim row, which a change moves to the new name. Concurrent
     * changes of one user take turns on that row (the later waits for the earlier transaction, then moves the
     * claim on), so a user never holds two names; two users racing for one name meet on its unique key, and the
     * later finds it taken.
     *
     * @return false when another account has it
     */
    boolean claimUsername(UserId userId, String username) {
        String key = usernameKey(username);
        if (quarantined(USERNAME_CLAIM, key)) {
            return false;
        }
        Boolean takenByOther = jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM username_claim WHERE username_key = ? AND user_id <> ?)",
                Boolean.class,
                key,
                userId.value());
        if (Boolean.TRUE.equals(takenByOther)) {
            return false;
        }
        try {
            jdbc.update(
                    "INSERT INTO username_claim (username_key, user_id) VALUES (?, ?) "
                            + "ON CONFLICT (user_id) DO UPDATE SET username_key = EXCLUDED.username_key",
                    key,
                    userId.value());
            return true;
        } catch (DuplicateKeyException claimedMeanwhile) {
            // The command's transaction is spoiled by the failed statement; the refusal rolls it back.
            return false;
        }
    }

    boolean isAdmin(UserId userId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM user_credentials WHERE user_id = ? AND role = ?)",
                Boolean.class,
                userId.value(),
                Role.ADMIN.name()));
    }

    Optional<Credentials> findByEmail(String email) {
        return find("email = ?", emailKey(email));
    }

    Optional<Credentials> findById(UserId userId) {
        return find("user_id = ?", userId.value());
    }

    private Optional<Credentials> find(String condition, Object value) {
        return jdbc
                .query(
                        "SELECT user_id, email, password_hash, role FROM user_credentials WHERE " + condition,
                        (rs, row) -> new Credentials(
                                new UserId(rs.getObject(1, UUID.class)),
                                rs.getString(2),
                                rs.getString(3),
                                Role.valueOf(rs.getString(4))),
                        value)
                .stream()
                .findFirst();
    }

    /**
     * The erasure of an account, in the command's transaction: its credentials and username claim go (no login, and
     * neither the address nor the name is kept in clear), and a hash of each stays in {@code account_quarantine}
     * until {@code releaseAt}, so neither can be taken again before then.
     */
    void quarantine(UserId userId, Instant releaseAt) {
        findById(userId).ifPresent(account -> hold(EMAIL_CLAIM, emailKey(account.email()), userId, releaseAt));
        jdbc.queryForList("SELECT username_key FROM username_claim WHERE user_id = ?", String.class, userId.value())
                .forEach(key -> hold(USERNAME_CLAIM, key, userId, releaseAt));
        jdbc.update("DELETE FROM user_credentials WHERE user_id = ?", userId.value());
        jdbc.update("DELETE FROM username_claim WHERE user_id = ?", userId.value());
    }

    /** Frees the claims whose quarantine ended at or before {@code now}; answers how many. */
    int releaseQuarantine(Instant now) {
        return jdbc.update("DELETE FROM account_quarantine WHERE release_at <= ?", Timestamp.from(now));
    }

    private void hold(String kind, String key, UserId userId, Instant releaseAt) {
        jdbc.update(
                "INSERT INTO account_quarantine (claim_hash, user_id, release_at) VALUES (?, ?, ?) "
                        + "ON CONFLICT (claim_hash) DO UPDATE SET release_at = EXCLUDED.release_at",
                claimHash(kind, key),
                userId.value(),
                Timestamp.from(releaseAt));
    }

    // The quarantine counts until its instant whether or not the periodic release has run yet.
    private boolean quarantined(String kind, String key) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM account_quarantine WHERE claim_hash = ? AND release_at > now())",
                Boolean.class,
                claimHash(kind, key)));
    }

    private static String claimHash(String kind, String key) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest((kind + ":" + key).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    void changePasswordHash(UserId userId, String passwordHash) {
        jdbc.update("UPDATE user_credentials SET password_hash = ? WHERE user_id = ?", passwordHash, userId.value());
    }
}
