package dev.platform.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The shared bucket's statement on the real PostgreSQL (from {@code PLATFORM_TEST_PG}, as the end-to-end tests),
 * in a database of its own with the migration that makes the table.
 */
class SharedRateBucketTest {

    private static final String SERVER =
            System.getenv().getOrDefault("PLATFORM_TEST_PG", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = System.getenv().getOrDefault("PLATFORM_TEST_PG_USER", "postgres");
    private static final String PASSWORD = System.getenv().getOrDefault("PLATFORM_TEST_PG_PASSWORD", "postgres");
    private static final String DATABASE =
            "platform_it_rate_" + ProcessHandle.current().pid() + "_"
                    + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20));

    private static JdbcTemplate jdbc;
    private static SharedRateBucket bucket;

    @BeforeAll
    static void createDatabase() throws Exception {
        execute(SERVER + "postgres", "CREATE DATABASE " + DATABASE);
        try (InputStream migration =
                SharedRateBucket.class.getResourceAsStream("/db/notification/V4__notification_rate_bucket.sql")) {
            execute(SERVER + DATABASE, new String(migration.readAllBytes(), StandardCharsets.UTF_8));
        }
        jdbc = new JdbcTemplate(new DriverManagerDataSource(SERVER + DATABASE, USER, PASSWORD));
        bucket = new SharedRateBucket(jdbc);
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        execute(SERVER + "postgres", "DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    }

    @Test
    void theInstalledBucketStartsEmptyAndRefillsAtTheRateUpToItsCapacity() {
        // Made by the migration a few seconds ago at most; at 1 token per 100 s there is nothing to take yet.
        assertThat(bucket.take(SharedRateBucket.EMAIL, 5, 0.01, 5).granted()).isZero();

        // Ten seconds later (as the database sees it), at 1 a second with room for 5: full, and no more than full.
        jdbc.update("UPDATE notification_rate_bucket SET refilled_at = refilled_at - interval '10 seconds'");
        SharedRateBucket.Grant full = bucket.take(SharedRateBucket.EMAIL, 50, 1, 5);
        assertThat(full.granted()).isEqualTo(5);
        assertThat(full.remaining()).isLessThan(1);
        // What was taken is gone: the next take finds at most what a second brought.
        assertThat(bucket.take(SharedRateBucket.EMAIL, 50, 1, 5).granted()).isLessThanOrEqualTo(1);
    }

    @Test
    void aBucketNotThereYetIsMadeEmpty() {
        assertThat(bucket.take("made-here", 3, 1, 3).granted()).isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM notification_rate_bucket WHERE name = 'made-here'", Long.class))
                .isEqualTo(1);
    }

    @Test
    void concurrentTakesFromManyConnectionsNeverGetMoreThanTheCapacityPlusTheRefill() throws Exception {
        String name = "concurrent";
        double rate = 200;
        int capacity = 10;
        bucket.take(name, capacity, rate, capacity);
        AtomicLong granted = new AtomicLong();
        AtomicLong takes = new AtomicLong();
        long started = System.nanoTime();
        long end = started + TimeUnit.MILLISECONDS.toNanos(1500);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            threads.add(started(() -> {
                while (System.nanoTime() < end) {
                    granted.addAndGet(bucket.take(name, 3, rate, capacity).granted());
                    takes.incrementAndGet();
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        // The first take above may have left it just short of full; everything after is the refill.
        assertThat(granted.get()).isLessThanOrEqualTo(capacity + (long) Math.ceil(rate * seconds));
        assertThat(granted.get()).isGreaterThanOrEqualTo((long) (rate * 1.5 * 0.8));
        System.out.printf(
                "shared bucket: %d tokens in %d takes from 8 connections in %.2f s at %.0f/s%n",
                granted.get(), takes.get(), seconds, rate);
    }

    private static void execute(String url, String sql) throws SQLException, IOException {
        try (Connection connection = DriverManager.getConnection(url, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Thread started(Runnable work) {
        Thread thread = new Thread(work);
        thread.start();
        return thread;
    }
}
