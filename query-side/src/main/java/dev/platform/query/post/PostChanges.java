package dev.platform.query.post;

import dev.platform.api.post.PostEvent;
import dev.platform.api.post.PostId;
import dev.platform.infra.axon.EventByEvent;
import dev.platform.infra.axon.StorableText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The {@code post_view} rows one unit of work changes, written when it commits: a batch of events becomes one
 * lookup, one batched {@code INSERT} and one batched {@code UPDATE} ({@link PostViewTable}), each post's events
 * folded ({@link PostFold}) into one row change. A replay of a million events would otherwise pay a round trip per
 * event.
 *
 * <p>The row rules are checked when an event is handled, not when the batch is written, so a failing event still
 * fails on its own and parks in the dead-letter queue while the rest of the batch goes on: before the first event
 * of a batch, the versions of the rows of every post in the batch are read at once; an event for a post without a
 * row throws, an event at or below the row's version (a redelivery) changes nothing, and a value the table would
 * refuse throws. What the lookup found is all the batch needs, since only this segment's processor writes a post's
 * row (view counts are the analytics consumer's, in a table of their own). A post's first event alone in its unit of
 * work (a creation applied inline) needs no lookup: its row is inserted unless one exists.
 *
 * <p>Outside a unit of work (a direct call), and while a segment handles its events one by one after a failed batch
 * ({@link EventByEvent}), each event is written at once.
 */
final class PostChanges {

    private static final String RESOURCE = PostChanges.class.getName();
    private static final int TITLE_LENGTH = 200;

    private final PostViewTable table;
    private final UnitOfWork<?> unitOfWork;
    /** Every post looked up or created in this unit of work; a null value: the post has no row. */
    private final Map<UUID, Row> rows = new LinkedHashMap<>();
    /** Posts presumed to have no row, without a lookup: their first event, alone in this unit of work. */
    private final Set<UUID> presumedNew = new HashSet<>();

    /**
     * A row as this unit of work will leave it (for a row it did not create, only what its events set), whether it
     * is new here and not written yet ({@code INSERT} rather than {@code UPDATE}), and whether it awaits a write.
     */
    private record Row(PostVersion post, boolean inserted, boolean changed) {}

    private PostChanges(PostViewTable table, UnitOfWork<?> unitOfWork) {
        this.table = table;
        this.unitOfWork = unitOfWork;
    }

    /** The changes of the current unit of work, written before it commits; a fresh set without one. */
    static PostChanges current(PostViewTable table) {
        if (!CurrentUnitOfWork.isStarted()) {
            return new PostChanges(table, null);
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        return unitOfWork.getOrComputeResource(RESOURCE, key -> {
            PostChanges changes = new PostChanges(table, unitOfWork);
            unitOfWork.onPrepareCommit(u -> changes.write());
            return changes;
        });
    }

    /**
     * Folds the post's event (its aggregate sequence number {@code sequence}) into its row: nothing when the row has
     * seen this sequence number already (a post's first event on a row that exists included); throws when the post
     * has no row and this is not its first event, or when the table could not store the result.
     */
    void apply(PostEvent event, long sequence) {
        UUID id = event.postId().value();
        Row row = sequence == 0 && !rows.containsKey(id) && aloneInUnitOfWork(id) ? presumeNew(id) : row(id);
        if (row != null && row.post().version() >= sequence) {
            return;
        }
        FoldedPost folded = PostFold.apply(row == null ? null : row.post().post(), event);
        FoldedPost storable = folded.withText(
                StorableText.of(folded.title(), "title", event.postId()),
                StorableText.of(folded.content(), "content", event.postId()),
                folded.updatedAt());
        requireStorable(storable);
        rows.put(id, new Row(new PostVersion(storable, sequence), row == null || row.inserted(), true));
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

    private static void requireStorable(FoldedPost post) {
        // VARCHAR(200) counts characters (code points), not Java's UTF-16 units.
        String title = post.title();
        if (title != null && title.codePointCount(0, title.length()) > TITLE_LENGTH) {
            throw new IllegalArgumentException("post_view cannot store the title of " + post.id());
        }
    }

    /**
     * A post's first event with no other event of the post in this unit of work (every creation applied inline): its
     * row is inserted unless one exists, which then has seen this event already (its version is at least 0), so no
     * lookup is needed.
     */
    private Row presumeNew(UUID id) {
        rows.put(id, null);
        presumedNew.add(id);
        return null;
    }

    private boolean aloneInUnitOfWork(UUID id) {
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch)) {
            return true;
        }
        String aggregate = id.toString();
        int events = 0;
        for (Message<?> message : batch.getMessages()) {
            if (message instanceof DomainEventMessage<?> event && aggregate.equals(event.getAggregateIdentifier())) {
                events++;
            }
        }
        return events <= 1;
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
                if (message instanceof DomainEventMessage<?> event
                        && PostEvent.class.isAssignableFrom(event.getPayloadType())) {
                    UUID post = UUID.fromString(event.getAggregateIdentifier());
                    if (!rows.containsKey(post)) {
                        ids.add(post);
                    }
                }
            }
        }
        Map<UUID, Long> versions = table.versions(ids);
        for (UUID post : ids) {
            Long version = versions.get(post);
            Row found = version == null
                    ? null
                    : new Row(new PostVersion(FoldedPost.unread(new PostId(post)), version), false, false);
            rows.put(post, found);
        }
    }

    /** New rows first (a later event of the same batch is folded into them), then the changed rows. */
    private void write() {
        List<PostVersion> inserts = new ArrayList<>();
        List<PostVersion> updates = new ArrayList<>();
        List<UUID> written = new ArrayList<>();
        rows.forEach((id, row) -> {
            if (row == null || !row.changed()) {
                return;
            }
            written.add(id);
            (row.inserted() ? inserts : updates).add(row.post());
        });
        try {
            if (unitOfWork != null && !EventByEvent.isContained()) {
                // Creations alone in the unit of work (every creation applied inline): their rows go with the
                // transaction's other statements at its commit, where a failure fails the whole unit of work.
                List<PostVersion> presumed = inserts.stream()
                        .filter(post -> presumedNew.contains(post.post().id().value()))
                        .toList();
                presumed.forEach(table::insertAtCommit);
                inserts.removeAll(presumed);
            }
            if (!inserts.isEmpty()) {
                int[] counts = table.insert(inserts);
                for (int i = 0; i < counts.length; i++) {
                    UUID id = inserts.get(i).post().id().value();
                    if (counts[i] == 0 && !presumedNew.contains(id)) {
                        throw new IllegalStateException("post_view row of " + id + " appeared during a batch");
                    }
                }
            }
            if (!updates.isEmpty()) {
                int[] counts = table.update(updates);
                for (int i = 0; i < counts.length; i++) {
                    // The lookup saw the row at a lower version, and only this processor writes it: anything else
                    // means the row changed underneath, and the whole batch is retried.
                    if (counts[i] == 0) {
                        throw new IllegalStateException(
                                "post_view row of " + updates.get(i).post().id() + " changed during a batch");
                    }
                }
            }
        } catch (RuntimeException e) {
            // Rolled back with the batch or the event's savepoint: what this unit of work knew of them is void.
            written.forEach(rows::remove);
            presumedNew.removeAll(written);
            throw e;
        }
        for (UUID id : written) {
            if (presumedNew.remove(id)) {
                // Inserted, or found written already (its row unread): a later lookup reads it.
                rows.remove(id);
            } else {
                rows.put(id, new Row(rows.get(id).post(), false, false));
            }
        }
    }
}
