package dev.platform.app;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Fresh PostgreSQL databases for the end-to-end tests, one per purpose and test run, dropped when the JVM
 * ends. Runs never see each other's leftovers, and nothing but PostgreSQL itself is needed: the server from
 * {@code PLATFORM_TEST_PG} (default {@code jdbc:postgresql://127.0.0.1:5432/}, user postgres, trust auth).
 */
public final class TestDatabase {

    private static final String SERVER =
            System.getenv().getOrDefault("PLATFORM_TEST_PG", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = System.getenv().getOrDefault("PLATFORM_TEST_PG_USER", "postgres");
    private static final String PASSWORD = System.getenv().getOrDefault("PLATFORM_TEST_PG_PASSWORD", "postgres");
    private static final Duration DROP_WAIT = Duration.ofSeconds(10);
    /** PostgreSQL's SQL state for "database is being accessed by other users". */
    private static final String OBJECT_IN_USE = "55006";

    private static final String SHARED = create("shared");

    private TestDatabase() {}

    /** The database that all tests sharing the one cached application context use. */
    public static String sharedUrl() {
        return SHARED;
    }

    public static String user() {
        return USER;
    }

    public static String password() {
        return PASSWORD;
    }

    /**
     * The datasource of an application context on a database of its own ({@code url}, from {@link #create}), with a
     * pool of {@code poolSize}: PostgreSQL's connections are shared with the other contexts of the run.
     */
    public static void use(DynamicPropertyRegistry registry, String url, int poolSize) {
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", TestDatabase::user);
        registry.add("spring.datasource.password", TestDatabase::password);
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> Integer.toString(poolSize));
    }

    /** Creates a new empty database and returns its JDBC URL. */
    public static String create(String purpose) {
        String name = "platform_it_" + purpose + "_" + ProcessHandle.current().pid() + "_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20));
        execute("CREATE DATABASE " + name);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(name)));
        return SERVER + name;
    }

    /**
     * Drops the database once nothing uses it: the JVM runs its shutdown hooks at the same time, and the
     * application contexts of the run are still closing theirs (processors storing tokens, pools closing). A
     * forced drop under them filled the end of every run with connection errors; the drop waits up to {@link
     * #DROP_WAIT} for their connections to go (polling with Awaitility), then forces it.
     */
    private static void drop(String name) {
        try {
            await().atMost(DROP_WAIT).pollInterval(Duration.ofMillis(100)).until(() -> droppedUnlessInUse(name));
        } catch (RuntimeException stillInUseOrRefused) {
            execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** Drops the database; false while another session still uses it. */
    private static boolean droppedUnlessInUse(String name) {
        try {
            run("DROP DATABASE IF EXISTS " + name);
            return true;
        } catch (SQLException e) {
            if (OBJECT_IN_USE.equals(e.getSQLState())) {
                return false;
            }
            throw new IllegalStateException("PostgreSQL at " + SERVER + " refused to drop " + name, e);
        }
    }

    private static void execute(String sql) {
        try {
            run(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + SERVER + " refused: " + sql, e);
        }
    }

    private static void run(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
