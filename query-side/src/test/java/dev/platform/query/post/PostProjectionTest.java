package dev.platform.query.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platform.api.post.PostCreated;
import dev.platform.api.post.PostDeleted;
import dev.platform.api.post.PostDeletedAs;
import dev.platform.api.post.PostEvent;
import dev.platform.api.post.PostId;
import dev.platform.api.post.PostPublished;
import dev.platform.api.post.PostStatus;
import dev.platform.api.post.PostUnpublished;
import dev.platform.api.post.PostUpdated;
import dev.platform.api.user.UserId;
import dev.platform.query.QueryDatabase;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code post_view} as the posts projection writes it, fed its events directly: one at a time (no unit of work, each
 * written at once) and as a processor's batch (a {@link BatchingUnitOfWork}, written when it commits). The row
 * always shows what the fold makes of the events ({@link PostFold}), the rules {@code ?as_of} uses too.
 */
class PostProjectionTest {

    @RegisterExtension
    static final QueryDatabase database = new QueryDatabase();

    private static final PostId POST = new PostId(UUID.fromString("00000000-0000-0000-0000-0000000000e1"));
    private static final PostId OTHER = new PostId(UUID.fromString("00000000-0000-0000-0000-0000000000e2"));
    private static final UserId CREATOR = new UserId(UUID.fromString("00000000-0000-0000-0000-0000000000a1"));
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");
    private static final Instant T1 = Instant.parse("2026-03-01T11:00:00.123Z");
    private static final Instant T2 = Instant.parse("2026-03-01T12:00:00.123Z");
    private static final Instant T3 = Instant.parse("2026-03-01T13:00:00.123Z");

    private PostProjection projection;

    @BeforeEach
    void emptyTables() {
        projection = new PostProjection(new PostViewTable(database.jdbc()));
        projection.reset();
        database.jdbc().update("TRUNCATE analytics_post_view, analytics_view_count");
        database.user(CREATOR.value(), "creator");
    }

    private static PostCreated created(PostId id, String title) {
        return new PostCreated(id, CREATOR, title, "Body", T0);
    }

    /** The view count the post's read answers (joined from analytics' table). */
    private long shownViews(PostId id) {
        return new PostViewTable(database.jdbc()).find(id).orElseThrow().post().viewCount();
    }

    private Map<String, Object> row(PostId id) {
        return database.jdbc().queryForMap("SELECT * FROM post_view WHERE id = ?", id.value());
    }

    private static Instant instant(Object timestamp) {
        return timestamp == null ? null : ((Timestamp) timestamp).toInstant();
    }

    /** The row's columns the fold decides, as the fold would have them. */
    private void assertRowShows(PostId id, FoldedPost post, long version) {
        Map<String, Object> row = row(id);
        assertThat(row)
                .containsEntry("creator_id", post.creatorId().value())
                .containsEntry("title", post.title())
                .containsEntry("content", post.content())
                .containsEntry("status", post.status().apiName())
                .containsEntry("version", version);
        assertThat(instant(row.get("published_at"))).isEqualTo(post.publishedAt());
        assertThat(instant(row.get("created_at"))).isEqualTo(post.createdAt());
        assertThat(instant(row.get("updated_at"))).isEqualTo(post.updatedAt());
        assertThat(instant(row.get("listed_at")))
                .isEqualTo(post.publishedAt() != null ? post.publishedAt() : post.updatedAt());
    }

    @Test
    void eachEventLeavesTheRowAsTheFoldLeavesThePost() {
        List<PostEvent> events = List.of(
                created(POST, "Title"),
                new PostUpdated(POST, "Edited", "Edited body", T1),
                new PostPublished(POST, CREATOR, "Out", "Out body", T2),
                new PostUnpublished(POST, CREATOR, T3));
        FoldedPost folded = null;
        for (int sequence = 0; sequence < events.size(); sequence++) {
            projection.on(events.get(sequence), sequence);
            folded = PostFold.apply(folded, events.get(sequence));

            assertRowShows(POST, folded, sequence);
        }
        assertThat(row(POST)).doesNotContainKey("view_count");
        assertThat(shownViews(POST)).isZero();
    }

    @Test
    void anEventHandledAgainChangesNothing() {
        projection.on(created(POST, "Title"), 0);
        projection.on(new PostPublished(POST, CREATOR, "Out", "Out body", T2), 1);
        Map<String, Object> settled = row(POST);

        projection.on(created(POST, "Other"), 0);
        projection.on(new PostUpdated(POST, "Late", "Late body", T3), 1);

        assertThat(row(POST)).isEqualTo(settled);
    }

    @Test
    void aDeletedPostKeepsItsRowMarkedSoNoReadShowsItAndNoEarlierEventBringsItBack() {
        PostViewTable table = new PostViewTable(database.jdbc());
        projection.on(created(POST, "Title"), 0);
        projection.on(new PostPublished(POST, CREATOR, "Out", "Out body", T2), 1);
        projection.on(created(OTHER, "Other"), 0);
        Instant deletedAt = T3;

        projection.on(new PostDeleted(POST, CREATOR, CREATOR, PostDeletedAs.CREATOR, deletedAt), 2);

        assertThat(instant(row(POST).get("deleted_at"))).isEqualTo(deletedAt);
        assertThat(row(POST)).containsEntry("version", 2L).containsEntry("status", "published");
        assertThat(table.find(POST)).isEmpty();
        assertThat(table.standing(POST)).contains(new PostViewTable.Standing(CREATOR, true, true));
        assertThat(table.creatorPage(CREATOR, Optional.empty(), 10, 0).orElseThrow())
                .satisfies(page -> assertThat(page.total()).isEqualTo(1))
                .satisfies(page ->
                        assertThat(page.posts()).extracting(PostSummary::id).containsExactly(OTHER));
        assertThat(table.creatorPage(CREATOR, Optional.of(PostStatus.PUBLISHED), 10, 0))
                .contains(new PostViewTable.CreatorPage(0, List.of()));

        Map<String, Object> settled = row(POST);
        projection.on(created(POST, "Again"), 0);
        projection.on(new PostPublished(POST, CREATOR, "Again", "Again body", T3), 1);
        assertThat(row(POST)).as("redelivered earlier events").isEqualTo(settled);
    }

    @Test
    void aPostCreatedAndDeletedInOneBatchIsInsertedDeleted() {
        List<EventMessage<?>> batch = List.of(
                event(POST, 0, created(POST, "Title")),
                event(POST, 1, new PostDeleted(POST, CREATOR, CREATOR, PostDeletedAs.ADMIN, T1)));
        handleAsOneBatch(batch);

        assertThat(instant(row(POST).get("deleted_at"))).isEqualTo(T1);
        assertThat(row(POST)).containsEntry("version", 1L).containsEntry("status", "draft");
        assertThat(new PostViewTable(database.jdbc()).find(POST)).isEmpty();
    }

    @Test
    void aPostsFirstEventAloneInABatchInsertsItsRowUnlessOneExists() {
        projection.on(created(POST, "Title"), 0);
        projection.on(new PostPublished(POST, CREATOR, "Out", "Out body", T2), 1);
        Map<String, Object> settled = row(POST);

        // Each post's first event, alone of its post in the batch (as every creation applied inline): no lookup, an
        // insert that leaves a row already there.
        handleAsOneBatch(List.of(event(POST, 0, created(POST, "Again")), event(OTHER, 0, created(OTHER, "New"))));

        assertThat(row(POST)).as("redelivered first event").isEqualTo(settled);
        assertRowShows(OTHER, PostFold.apply(null, created(OTHER, "New")), 0);
    }

    @Test
    void anEventForAPostWithoutARowFails() {
        assertThatThrownBy(() -> projection.on(new PostUpdated(POST, "T", "C", T1), 1))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> projection.on(new PostUnpublished(POST, CREATOR, T1), 1))
                .isInstanceOf(IllegalStateException.class);
        assertThat(database.jdbc().queryForObject("SELECT count(*) FROM post_view", Long.class))
                .isZero();
    }

    @Test
    void theReadOfAPostShowsTheViewsCountedBeforeItsRowWasMadeAndKeepsThemAcrossAReset() {
        // Counted before the post's row existed (analytics keeps counts by post id, whatever the posts table holds).
        database.jdbc().update("INSERT INTO analytics_view_count (post_id, view_count) VALUES (?, 3)", POST.value());

        projection.on(created(POST, "Title"), 0);
        assertThat(shownViews(POST)).isEqualTo(3);

        // A rebuild empties post_view and leaves the counts as they are.
        projection.reset();
        projection.on(created(POST, "Title"), 0);
        assertThat(shownViews(POST)).isEqualTo(3);
    }

    @Test
    void textTheTableCannotStoreIsStoredWithoutItAndATitleTooLongFails() {
        projection.on(new PostCreated(POST, CREATOR, "Ti\u0000tle", "Bo\u0000dy", T0), 0);

        assertThat(row(POST)).containsEntry("title", "Title").containsEntry("content", "Body");
        assertThatThrownBy(() -> projection.on(new PostUpdated(POST, "x".repeat(201), "Body", T1), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(row(POST)).containsEntry("version", 0L);
    }

    @Test
    void aBatchFoldsEachPostsEventsIntoItsRowWhenItCommits() {
        projection.on(created(OTHER, "Other"), 0);
        projection.on(new PostPublished(OTHER, CREATOR, "Other out", "Other body", T1), 1);

        List<EventMessage<?>> batch = List.of(
                event(POST, 0, created(POST, "Title")),
                event(OTHER, 2, new PostUpdated(OTHER, "Other edited", "Other edited body", T2)),
                event(POST, 1, new PostUpdated(POST, "Edited", "Edited body", T1)),
                event(POST, 2, new PostPublished(POST, CREATOR, "Out", "Out body", T2)));
        List<Long> rowsSeenWhileHandling = new ArrayList<>();
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        unitOfWork.executeWithResult(
                () -> {
                    DomainEventMessage<?> message = (DomainEventMessage<?>) unitOfWork.getMessage();
                    projection.on((PostEvent) message.getPayload(), message.getSequenceNumber());
                    rowsSeenWhileHandling.add(
                            database.jdbc().queryForObject("SELECT count(*) FROM post_view", Long.class));
                    return null;
                },
                RollbackConfigurationType.ANY_THROWABLE);

        assertThat(rowsSeenWhileHandling)
                .as("nothing written before the commit")
                .containsOnly(1L);
        FoldedPost post = null;
        for (EventMessage<?> message : List.of(batch.get(0), batch.get(2), batch.get(3))) {
            post = PostFold.apply(post, (PostEvent) message.getPayload());
        }
        assertRowShows(POST, post, 2);
        // The other post's row was not read in full: the edit changed its text and kept its publication.
        assertRowShows(
                OTHER,
                new FoldedPost(OTHER, CREATOR, "Other edited", "Other edited body", PostStatus.PUBLISHED, T1, T0, T2),
                2);
    }

    /** Handles {@code batch} as a processor's batch: one unit of work, its rows written when it commits. */
    private void handleAsOneBatch(List<EventMessage<?>> batch) {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        unitOfWork.executeWithResult(
                () -> {
                    DomainEventMessage<?> message = (DomainEventMessage<?>) unitOfWork.getMessage();
                    projection.on((PostEvent) message.getPayload(), message.getSequenceNumber());
                    return null;
                },
                RollbackConfigurationType.ANY_THROWABLE);
    }

    private static DomainEventMessage<?> event(PostId post, long sequence, PostEvent payload) {
        return new GenericDomainEventMessage<>("Post", post.toString(), sequence, payload);
    }
}
