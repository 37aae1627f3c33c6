package dev.platform.notification;

import dev.platform.infra.db.SchemaModule;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A fresh PostgreSQL database for one test class with the notification side's tables, made by its own migrations
 * (the {@code SchemaModule} the application migrates), dropped after the class; a static
 * {@code @RegisterExtension} field. The server comes from {@code PLATFORM_TEST_PG} as for the end-to-end tests.
 * One connection serves the class: the handlers under test run on the test's thread.
 */
final class NotificationDatabase implements BeforeAllCallback, AfterAllCallback {

    private static final String SERVER =
            System.getenv().getOrDefault("PLATFORM_TEST_PG", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = System.getenv().getOrDefault("PLATFORM_TEST_PG_USER", "postgres");
    private static final String PASSWORD = System.getenv().getOrDefault("PLATFORM_TEST_PG_PASSWORD", "postgres");

    private final boolean migrated;
    private String name;
    private SingleConnectionDataSource dataSource;
    private JdbcTemplate jdbc;

    NotificationDatabase() {
        this(true);
    }

    private NotificationDatabase(boolean migrated) {
        this.migrated = migrated;
    }

    /** An empty database: the test migrates it itself (an upgrade from an earlier version, say). */
    static NotificationDatabase unmigrated() {
        return new NotificationDatabase(false);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        name = "platform_ns_" + ProcessHandle.current().pid() + "_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20));
        execute("CREATE DATABASE " + name);
        dataSource = new SingleConnectionDataSource(SERVER + name, USER, PASSWORD, true);
        if (migrated) {
            // The event store's tables too, as in the application: the ledger's claim reads personal_data_key.
            new SchemaModule("axon", 0).migrate(dataSource);
            new NotificationConfiguration().notificationSchema().migrate(dataSource);
        }
        jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        if (dataSource != null) {
            dataSource.destroy();
        }
        if (name != null) {
            execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }

    DataSource dataSource() {
        return dataSource;
    }

    /**
     * A session of its own, for a test that needs two at once (one waiting on the other); the test destroys it, or
     * dropping the database ends it.
     */
    SingleConnectionDataSource session() {
        return new SingleConnectionDataSource(SERVER + name, USER, PASSWORD, true);
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
