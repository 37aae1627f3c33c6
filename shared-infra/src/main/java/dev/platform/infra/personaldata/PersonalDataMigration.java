package dev.platform.infra.personaldata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platform.api.user.PersonalDataEncrypted;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one rewrite of stored events the project allows: the personal fields of user events stored in clear before
 * crypto-shredding are sealed in place in {@code domain_event_entry}, each with its user's key (made now if the
 * user has none; an erased user's fields become {@code null} with the marker), and the rewrite is recorded as a
 * {@link PersonalDataEncrypted} event, all in one transaction. Snapshots hold no user state (only posts are
 * snapshotted), so {@code snapshot_event_entry} needs nothing.
 *
 * <p>Runs at start ({@code platform.personal-data.migration}, {@code once} by default): under a transaction-level
 * advisory lock, so that of two nodes starting together one rewrites and the other waits, then finds it finished
 * ({@code personal_data_migration}) and does nothing. Idempotent: a sealed field is never sealed again, so a run
 * that finds nothing in clear rewrites nothing and records no event.
 */
@Component
@EnableConfigurationProperties(PersonalDataProperties.class)
public class PersonalDataMigration implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataMigration.class);
    // The first key of the advisory lock, so it never meets another lock of the database.
    private static final int LOCK_SPACE = 0x50444d47; // "PDMG"
    private static final int BATCH = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;
    private final PersonalFields fields;
    private final ObjectProvider<EventStore> events;
    private final TransactionTemplate transaction;
    private final PersonalDataProperties properties;
    private final Clock clock;

    PersonalDataMigration(
            JdbcTemplate jdbc,
            PersonalFields fields,
            ObjectProvider<EventStore> events,
            PlatformTransactionManager transactions,
            PersonalDataProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.fields = fields;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        switch (properties.migration()) {
            case ONCE -> migrate(false);
            case ALWAYS -> migrate(true);
            case OFF -> log.info("personal data migration is off (platform.personal-data.migration)");
        }
    }

    /**
     * Seals every personal field still in clear; answers how many stored events it rewrote. Unless {@code evenIfDone},
     * nothing happens once a run has finished on this database.
     */
    public long migrate(boolean evenIfDone) {
        Long rewritten = transaction.execute(status -> {
            jdbc.queryForList("SELECT pg_advisory_xact_lock(?, 0)", LOCK_SPACE);
            boolean done = !jdbc.queryForList(
                            "SELECT 1 FROM personal_data_migration WHERE id = 1 AND finished_at IS NOT NULL",
                            Integer.class)
                    .isEmpty();
            if (done && !evenIfDone) {
                return 0L;
            }
            long head =
                    jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
            long count = rewriteUpTo(head);
            if (count > 0) {
                events.getObject()
                        .publish(GenericEventMessage.asEventMessage(
                                new PersonalDataEncrypted(count, head, clock.instant())));
            }
            jdbc.update(
                    "INSERT INTO personal_data_migration (id, finished_at, rewritten) VALUES (1, now(), ?) "
                            + "ON CONFLICT (id) DO UPDATE SET finished_at = now(), "
                            + "rewritten = personal_data_migration.rewritten + EXCLUDED.rewritten",
                    count);
            return count;
        });
        if (rewritten != null && rewritten > 0) {
            log.info("personal data migration: {} stored events encrypted in place", rewritten);
        }
        return rewritten == null ? 0 : rewritten;
    }

    private long rewriteUpTo(long head) {
        String[] types = PersonalFields.types().toArray(String[]::new);
        long after = 0;
        long count = 0;
        while (true) {
            List<Row> rows = jdbc.query(
                    "SELECT global_index, payload_type, payload FROM domain_event_entry WHERE payload_type = ANY (?) "
                            + "AND global_index > ? AND global_index <= ? ORDER BY global_index LIMIT ?",
                    (rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getBytes(3)),
                    types,
                    after,
                    head,
                    BATCH);
            if (rows.isEmpty()) {
                return count;
            }
            for (Row row : rows) {
                after = row.position();
                JsonNode payload = read(row);
                if (payload instanceof ObjectNode object && PersonalFields.hasClearField(row.type(), object)) {
                    ObjectNode sealed = fields.seal(row.type(), object);
                    jdbc.update(
                            "UPDATE domain_event_entry SET payload = ? WHERE global_index = ?",
                            write(sealed),
                            row.position());
                    count++;
                }
            }
        }
    }

    private record Row(long position, String type, byte[] payload) {}

    private static JsonNode read(Row row) {
        try {
            return JSON.readTree(row.payload());
        } catch (IOException e) {
            throw new IllegalStateException("unreadable payload at position " + row.position(), e);
        }
    }

    private static byte[] write(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
