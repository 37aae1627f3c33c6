package dev.platform.app;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

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

    /** Creates a new empty database and returns its JDBC URL. */
    public static String create(String purpose) {
        String name = "platform_it_" + purpose + "_" + ProcessHandle.current().pid() + "_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20));
        execute("CREATE DATABASE " + name);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")));
        return SERVER + name;
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + SERVER + " refused: " + sql, e);
        }
    }
}
