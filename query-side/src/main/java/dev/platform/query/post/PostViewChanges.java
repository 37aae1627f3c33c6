package dev.platform.query.post;

import dev.platform.infra.axon.EventByEvent;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code post_view} rows one unit of work changes, written when it commits: a batch of events becomes one
 * lookup, one batched {@code INSERT} and one batched {@code UPDATE}, each post's events folded into one row change.
 * A replay of a million events would otherwise pay a round trip per event.
 *
 * <p>The row rules are checked when an event is handled, not when the batch is written, so a failing event still
 * fails on its own and parks in the dead-letter queue while the rest of the batch goes on: before the first event
 * of a batch, the versions of the rows of every post in the batch are read at once; an event for a post without a
 * row throws, an event at or below the row's version (a redelivery) changes nothing, and a value the table would
 * refuse throws. What the lookup found is all the batch needs, since only this segment's processor writes a post's
 * row (the analytics consumer touches only {@code view_count}, which is never written back from here).
 *
 * <p>Outside a unit of work (a direct call), and while a segment handles its events one by one after a failed batch
 * ({@link EventByEvent}), each event is written at once.
 */
final class PostViewChanges {

    private static final String RESOURCE = PostViewChanges.class.getName();
    private static final int TITLE_LENGTH = 200;

    private static final String SELECT = "SELECT id, version FROM post_view WHERE id = ANY (?)";
    private static final String INSERT = "INSERT INTO post_view (id, creator_id, title, content, status, published_at,"
            + " created_at, updated_at, version, view_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " (SELECT count(*) FROM analytics_post_view WHERE post_id = ?))";
    // One statement for every kind of change: a NULL title, content or status leaves the column as it is.
    private static final String UPDATE = "UPDATE post_view SET title = coalesce(?, title),"
            + " content = coalesce(?, content), status = coalesce(?, status),"
            + " published_at = CASE WHEN ? THEN ?::timestamptz ELSE published_at END, updated_at = ?, version = ?"
            + " WHERE id = ? AND version < ?";

    private final JdbcTemplate jdbc;
    /** Every post looked up or created in this unit of work; a null value: the post has no row. */
    private final Map<UUID, Row> rows = new LinkedHashMap<>();

    private final UnitOfWork<?> unitOfWork;

    private PostViewChanges(JdbcTemplate jdbc, UnitOfWork<?> unitOfWork) {
        this.jdbc = jdbc;
        this.unitOfWork = unitOfWork;
    }

    /** The changes of the current unit of work, written before it commits; a fresh set without one. */
    static PostViewChanges current(JdbcTemplate jdbc) {
        if (!CurrentUnitOfWork.isStarted()) {
            return new PostViewChanges(jdbc, null);
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        return unitOfWork.getOrComputeResource(RESOURCE, key -> {
            PostViewChanges changes = new PostViewChanges(jdbc, unitOfWork);
            unitOfWork.onPrepareCommit(u -> changes.write());
            return changes;
        });
    }

    /**
     * Writes at once when there is no unit of work to wait for, or when the event is handled on its own after a
     * failed batch ({@link EventByEvent}): then a row the table refuses fails this event alone, inside its
     * savepoint, and the rows it meant to write are read again by a later event of the batch.
     */
    void writeUnlessBatched() {
        if (unitOfWork == null || EventByEvent.isContained()) {
            write();
        }
    }

    /** A new draft; nothing when the post has a row already (the event was applied before). */
    void create(UUID id, UUID creator, String title, String content, Instant createdAt, long sequence) {
        if (row(id) != null) {
            return;
        }
        requireStorable(id, title, content);
        Row row = new Row(sequence, true);
        row.creator = creator;
        row.title = title;
        row.content = content;
        row.status = "draft";
        row.publishedAtSet = true;
        row.createdAt = createdAt;
        row.updatedAt = createdAt;
        rows.put(id, row);
    }

    /**
     * Applies a later event of the post: throws when the post has no row, changes nothing when the row has seen
     * this sequence number already.
     */
    void change(UUID id, long sequence, Instant updatedAt, Consumer<Row> change) {
        Row row = row(id);
        if (row == null) {
            throw new IllegalStateException("post_view has no row for " + id);
        }
        if (row.version >= sequence) {
            return;
        }
        Row changed = row.copy();
        change.accept(changed);
        requireStorable(id, changed.title, changed.content);
        changed.updatedAt = updatedAt;
        changed.version = sequence;
        changed.changed = true;
        rows.put(id, changed);
    }

    private static void requireStorable(UUID id, String title, String content) {
        // VARCHAR(200) counts characters (code points), not Java's UTF-16 units.
        if (title != null && title.codePointCount(0, title.length()) > TITLE_LENGTH) {
            throw new IllegalArgumentException("post_view cannot store the title of " + id);
        }
    }

    private Row row(UUID id) {
        if (!rows.containsKey(id)) {
            lookUp(id);
        }
        return rows.get(id);
    }

    /** Reads the versions of this post's row and of every other post of the batch not looked up yet, at once. */
    private void lookUp(UUID id) {
        Set<UUID> ids = new LinkedHashSet<>();
        ids.add(id);
        if (unitOfWork instanceof BatchingUnitOfWork<?> batch) {
            for (Message<?> message : batch.getMessages()) {
                if (message instanceof DomainEventMessage<?> event && PostProjection.handles(event.getPayloadType())) {
                    UUID post = UUID.fromString(event.getAggregateIdentifier());
                    if (!rows.containsKey(post)) {
                        ids.add(post);
                    }
                }
            }
        }
        Map<UUID, Row> found = new HashMap<>();
        jdbc.query(
                connection -> {
                    PreparedStatement select = connection.prepareStatement(SELECT);
                    select.setArray(1, uuids(connection, ids));
                    return select;
                },
                rs -> {
                    found.put(rs.getObject(1, UUID.class), new Row(rs.getLong(2), false));
                });
        for (UUID post : ids) {
            rows.put(post, found.get(post));
        }
    }

    private static Array uuids(Connection connection, Set<UUID> ids) throws java.sql.SQLException {
        return connection.createArrayOf("uuid", ids.toArray());
    }

    /** New rows first (a later event of the same batch is folded into them), then the changed rows. */
    private void write() {
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        List<UUID> updated = new ArrayList<>();
        List<UUID> written = new ArrayList<>();
        rows.forEach((id, row) -> {
            if (row == null || !row.changed) {
                return;
            }
            written.add(id);
            if (row.inserted) {
                inserts.add(new Object[] {
                    id,
                    row.creator,
                    row.title,
                    row.content,
                    row.status,
                    timestamp(row.publishedAt),
                    timestamp(row.createdAt),
                    timestamp(row.updatedAt),
                    row.version,
                    id
                });
            } else {
                updates.add(new Object[] {
                    row.title,
                    row.content,
                    row.status,
                    row.publishedAtSet,
                    timestamp(row.publishedAt),
                    timestamp(row.updatedAt),
                    row.version,
                    id,
                    row.version
                });
                updated.add(id);
            }
        });
        try {
            if (!inserts.isEmpty()) {
                jdbc.batchUpdate(INSERT, inserts);
            }
            if (!updates.isEmpty()) {
                int[] counts = jdbc.batchUpdate(UPDATE, updates);
                for (int i = 0; i < counts.length; i++) {
                    // The lookup saw the row at a lower version, and only this processor writes it: anything else
                    // means the row changed underneath, and the whole batch is retried.
                    if (counts[i] == 0) {
                        throw new IllegalStateException(
                                "post_view row of " + updated.get(i) + " changed during a batch");
                    }
                }
            }
        } catch (RuntimeException e) {
            // Rolled back with the batch or the event's savepoint: what this unit of work knew of them is void.
            written.forEach(rows::remove);
            throw e;
        }
        for (UUID id : written) {
            Row row = rows.get(id);
            row.changed = false;
            row.inserted = false;
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /** A row as this unit of work will leave it; for a row it did not create, only the columns events set. */
    static final class Row {
        private long version;
        /** Whether the row is new in this unit of work and not written yet: an INSERT rather than an UPDATE. */
        private boolean inserted;

        private boolean changed;
        private UUID creator;
        String title;
        String content;
        String status;
        boolean publishedAtSet;
        Instant publishedAt;
        private Instant createdAt;
        private Instant updatedAt;

        private Row(long version, boolean inserted) {
            this.version = version;
            this.inserted = inserted;
            this.changed = inserted;
        }

        private Row copy() {
            Row copy = new Row(version, inserted);
            copy.changed = changed;
            copy.creator = creator;
            copy.title = title;
            copy.content = content;
            copy.status = status;
            copy.publishedAtSet = publishedAtSet;
            copy.publishedAt = publishedAt;
            copy.createdAt = createdAt;
            copy.updatedAt = updatedAt;
            return copy;
        }
    }
}
