package dev.platform.query.projection;

import dev.platform.infra.axon.ReadModelTables;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The schemas of one group's blue-green rebuild, and every statement on them: {@code rebuild_<group>} holds the
 * tables being built (created {@code LIKE} the live ones, indexes, defaults and checks included), {@code
 * previous_<group>} the tables the last switch took out of service, kept until the next switch replaces them (or
 * dropped at once, {@code platform.rebuilds.keep-previous=false}). The live tables stay where the application's
 * statements find them, in the schema of its connections ({@code live}, normally {@code public}): the switch moves
 * them out and the rebuilt ones in, which renames nothing a statement names.
 */
final class ShadowSchema {

    private final ReadModelTables model;
    private final String live;
    private final String shadow;
    private final String previous;

    ShadowSchema(ReadModelTables model, String live) {
        this.model = model;
        this.live = live;
        String suffix = model.group().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        this.shadow = "rebuild_" + suffix;
        this.previous = "previous_" + suffix;
    }

    ReadModelTables model() {
        return model;
    }

    String live() {
        return live;
    }

    String shadow() {
        return shadow;
    }

    String previous() {
        return previous;
    }

    /** Empty copies of the live tables in the shadow schema, after dropping what an earlier rebuild left there. */
    void create(JdbcTemplate jdbc) {
        jdbc.execute("DROP SCHEMA IF EXISTS " + shadow + " CASCADE");
        jdbc.execute("CREATE SCHEMA " + shadow);
        for (String table : model.tables()) {
            jdbc.execute("CREATE TABLE " + shadow + "." + table + " (LIKE " + live + "." + table + " INCLUDING ALL)");
        }
    }

    /** Drops the shadow tables (a discarded or failed rebuild). */
    void drop(JdbcTemplate jdbc) {
        jdbc.execute("DROP SCHEMA IF EXISTS " + shadow + " CASCADE");
    }

    /**
     * Locks the live tables against every other statement until the transaction ends: no read, no write, no
     * projection's batch runs on them while they change places. Waits at most {@code lock_timeout}.
     */
    void lockLive(JdbcTemplate jdbc, long lockTimeoutMillis) {
        jdbc.execute("SET LOCAL lock_timeout = " + lockTimeoutMillis);
        lock(jdbc, live);
    }

    /** Locks the shadow tables too (their processor has stopped: nothing else uses them). */
    void lockShadow(JdbcTemplate jdbc) {
        lock(jdbc, shadow);
    }

    private void lock(JdbcTemplate jdbc, String schema) {
        String tables =
                model.tables().stream().map(table -> schema + "." + table).collect(Collectors.joining(", "));
        jdbc.execute("LOCK TABLE " + tables + " IN ACCESS EXCLUSIVE MODE");
    }

    /**
     * Takes the live tables out of service (into the previous schema, or dropped) and puts the rebuilt ones in
     * their place. A statement waiting for the lock looks its table's name up again once it gets it, and so finds
     * the rebuilt table.
     */
    void swap(JdbcTemplate jdbc, boolean keepPrevious) {
        jdbc.execute("DROP SCHEMA IF EXISTS " + previous + " CASCADE");
        if (keepPrevious) {
            jdbc.execute("CREATE SCHEMA " + previous);
        }
        for (String table : model.tables()) {
            if (keepPrevious) {
                jdbc.execute("ALTER TABLE " + live + "." + table + " SET SCHEMA " + previous);
            } else {
                jdbc.execute("DROP TABLE " + live + "." + table);
            }
            jdbc.execute("ALTER TABLE " + shadow + "." + table + " SET SCHEMA " + live);
        }
        jdbc.execute("DROP SCHEMA " + shadow);
    }
}
