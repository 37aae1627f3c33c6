package dev.platform.query.comment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platform.api.comment.CommentAdded;
import dev.platform.api.comment.CommentId;
import dev.platform.api.post.PostId;
import dev.platform.api.user.UserId;
import dev.platform.app.EndToEndTest;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The comments projection under redelivery, against the application's PostgreSQL: an event handled again (a
 * stolen claim, a retried batch, a replay) changes nothing, and what cannot happen fails instead of being
 * skipped, so the event parks in the dead-letter queue.
 */
class CommentProjectionRedeliveryTest extends EndToEndTest {

    private static final Instant T0 = Instant.parse("2026-11-25T18:00:00.000Z");

    @Autowired
    CommentProjection projection;

    @Autowired
    JdbcTemplate jdbc;

    private static TrackingToken at(long position) {
        return GapAwareTrackingToken.newInstance(position, Set.of());
    }

    private Map<String, Object> row(CommentId id) {
        return jdbc.queryForMap(
                "SELECT post_id, user_id, parent_comment_id, content, created_at, event_position FROM comment_view"
                        + " WHERE id = ?",
                id.value());
    }

    private long rows(CommentId id) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM comment_view WHERE id = ?", Long.class, id.value());
        return count == null ? 0 : count;
    }

    @Test
    void aCommentHandledAgainChangesNothing() {
        CommentId id = new CommentId(UUID.randomUUID());
        CommentId parent = new CommentId(UUID.randomUUID());
        CommentAdded added =
                new CommentAdded(id, new PostId(UUID.randomUUID()), new UserId(UUID.randomUUID()), parent, "Hello", T0);
        projection.on(added, 0, at(1_000_000));
        Map<String, Object> settled = row(id);

        projection.on(added, 0, at(1_000_000));
        projection.on(added, 0, ReplayToken.createReplayToken(at(2_000_000), at(1_000_000)));

        assertThat(rows(id)).isEqualTo(1);
        assertThat(row(id)).isEqualTo(settled);
        assertThat(settled.get("parent_comment_id")).isEqualTo(parent.value());
        assertThat(settled.get("content")).isEqualTo("Hello");
        assertThat(settled.get("event_position")).isEqualTo(1_000_000L);
    }

    @Test
    void anotherCommentUnderATakenIdFails() {
        CommentId id = new CommentId(UUID.randomUUID());
        PostId post = new PostId(UUID.randomUUID());
        UserId user = new UserId(UUID.randomUUID());
        projection.on(new CommentAdded(id, post, user, null, "Original", T0), 0, at(1_000_001));
        Map<String, Object> settled = row(id);

        assertThatThrownBy(() -> projection.on(new CommentAdded(id, post, user, null, "Forged", T0), 0, at(1_000_002)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(row(id)).isEqualTo(settled);
    }

    @Test
    void aCommentAddedThatIsNotItsCommentsFirstEventFails() {
        CommentId id = new CommentId(UUID.randomUUID());
        CommentAdded added =
                new CommentAdded(id, new PostId(UUID.randomUUID()), new UserId(UUID.randomUUID()), null, "Hi", T0);

        assertThatThrownBy(() -> projection.on(added, 1, at(1_000_003))).isInstanceOf(IllegalStateException.class);
        assertThat(rows(id)).isZero();
    }
}
