package dev.platform.query;

import dev.platform.infra.db.SchemaModule;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A fresh PostgreSQL database for one test class, with the read models made by the query side's own migrations
 * (the {@link SchemaModule} the application migrates), dropped after the class. Register it as a static
 * {@code @RegisterExtension} field. The server comes from {@code PLATFORM_TEST_PG} as for the end-to-end tests
 * (default {@code jdbc:postgresql://127.0.0.1:5432/}, user postgres).
 *
 * <p>One connection serves the whole class: the projections under test run on the test's thread, one statement
 * after the other, as a processor's segment runs them.
 */
public final class QueryDatabase implements BeforeAllCallback, AfterAllCallback {

    private static final String SERVER =
            System.getenv().getOrDefault("PLATFORM_TEST_PG", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = System.getenv().getOrDefault("PLATFORM_TEST_PG_USER", "postgres");
    private static final String PASSWORD = System.getenv().getOrDefault("PLATFORM_TEST_PG_PASSWORD", "postgres");

    /**
     * Axon's tables (the event store) as shared-infra's migrations make them; the application migrates them first,
     * under this name and order (shared-infra's {@code SchemaMigrations.InfraSchema}, not visible from here).
     */
    private static final SchemaModule EVENT_STORE = new SchemaModule("axon", 0);

    private final boolean eventStore;
    private String name;
    private SingleConnectionDataSource dataSource;
    private JdbcTemplate jdbc;

    /** The read models only. */
    public QueryDatabase() {
        this(false);
    }

    private QueryDatabase(boolean eventStore) {
        this.eventStore = eventStore;
    }

    /** The event store's tables and then the read models, as in an application that holds both. */
    public static QueryDatabase withEventStore() {
        return new QueryDatabase(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        name = "platform_qs_" + ProcessHandle.current().pid() + "_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20));
        execute("CREATE DATABASE " + name);
        dataSource = new SingleConnectionDataSource(SERVER + name, USER, PASSWORD, true);
        if (eventStore) {
            EVENT_STORE.migrate(dataSource);
        }
        new QuerySideApplication.QuerySchema().querySchema().migrate(dataSource);
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

    /** A {@code user_view} row of a user with {@code role} ({@code "creator"}, {@code "reader"}), as registered. */
    public void user(UUID id, String role) {
        jdbc().update(
                        "INSERT INTO user_view (id, email, username, role, created_at, updated_at, version)"
                                + " VALUES (?, ?, ?, ?, now(), now(), 0) ON CONFLICT (id) DO NOTHING",
                        id,
                        id + "@example.com",
                        "u" + id.toString().replace("-", "").substring(0, 20),
                        role);
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public SingleConnectionDataSource dataSource() {
        return dataSource;
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
