package dev.platform.query.comment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platform.api.comment.CommentAdded;
import dev.platform.api.comment.CommentEdited;
import dev.platform.api.comment.CommentId;
import dev.platform.api.comment.CommentRemovalRole;
import dev.platform.api.comment.CommentRemoved;
import dev.platform.api.post.PostId;
import dev.platform.api.user.UserId;
import dev.platform.query.QueryDatabase;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code comment_view} as the comments projection writes it (added, edited, removed), fed its events directly. */
class CommentProjectionTest {

    @RegisterExtension
    static final QueryDatabase database = new QueryDatabase();

    private static final CommentId COMMENT = new CommentId(UUID.fromString("00000000-0000-0000-0000-0000000000d1"));
    private static final CommentId REPLY = new CommentId(UUID.fromString("00000000-0000-0000-0000-0000000000d2"));
    private static final PostId POST = new PostId(UUID.fromString("00000000-0000-0000-0000-0000000000e1"));
    private static final UserId AUTHOR = new UserId(UUID.fromString("00000000-0000-0000-0000-0000000000a1"));
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00.123Z");
    private static final Instant EDITED = Instant.parse("2026-03-01T10:05:00.456Z");

    private CommentProjection projection;

    @BeforeEach
    void emptyTable() {
        projection = new CommentProjection(new CommentViewTable(database.jdbc()));
        projection.reset();
    }

    private static CommentAdded added(CommentId id, CommentId parent, String content) {
        return new CommentAdded(id, POST, AUTHOR, parent, content, AT);
    }

    private static TrackingToken at(long position) {
        return GapAwareTrackingToken.newInstance(position, Collections.emptySet());
    }

    private Map<String, Object> row(CommentId id) {
        return database.jdbc().queryForMap("SELECT * FROM comment_view WHERE id = ?", id.value());
    }

    private long rows() {
        return database.jdbc().queryForObject("SELECT count(*) FROM comment_view", Long.class);
    }

    @Test
    void aCommentIsStoredWithItsPositionInTheEventStream() {
        projection.on(added(COMMENT, null, "First!"), 0, at(41));

        Map<String, Object> row = row(COMMENT);
        assertThat(row)
                .containsEntry("post_id", POST.value())
                .containsEntry("user_id", AUTHOR.value())
                .containsEntry("content", "First!")
                .containsEntry("event_position", 41L);
        assertThat(row.get("parent_comment_id")).isNull();
        assertThat(((Timestamp) row.get("created_at")).toInstant()).isEqualTo(AT);
    }

    @Test
    void aReplyIsStoredEvenBeforeItsParent() {
        // With several segments a reply may come first; the command side has checked the parent already.
        projection.on(added(REPLY, COMMENT, "Agreed."), 0, at(43));

        assertThat(row(REPLY)).containsEntry("parent_comment_id", COMMENT.value());
    }

    @Test
    void aCommentHandledAgainChangesNothing() {
        projection.on(added(COMMENT, null, "First!"), 0, at(41));

        // A retried batch, or a segment whose claim was stolen: the same event at the same position.
        projection.on(added(COMMENT, null, "First!"), 0, at(41));

        assertThat(rows()).isEqualTo(1);
        assertThat(row(COMMENT)).containsEntry("event_position", 41L);
    }

    @Test
    void aCommentWithUnstorableTextHandledAgainIsRecognisedAsTheSame() {
        projection.on(added(COMMENT, null, "Fir\u0000st!"), 0, at(41));

        projection.on(added(COMMENT, null, "Fir\u0000st!"), 0, at(41));

        assertThat(row(COMMENT)).containsEntry("content", "First!");
    }

    @Test
    void anotherCommentUnderATakenIdFailsSoThatTheEventParks() {
        projection.on(added(COMMENT, null, "First!"), 0, at(41));

        assertThatThrownBy(() -> projection.on(added(COMMENT, null, "Second!"), 0, at(42)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("another comment");
        assertThat(row(COMMENT)).containsEntry("content", "First!");
    }

    @Test
    void aCommentAddedThatIsNotItsAggregatesFirstEventFails() {
        assertThatThrownBy(() -> projection.on(added(COMMENT, null, "First!"), 1, at(41)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("first event");
        assertThat(rows()).isZero();
    }

    @Test
    void anEventWithoutAPositionFails() {
        // Every token of the event store carries a position; one without cannot order the comments.
        TrackingToken noPosition = new TrackingToken() {
            @Override
            public TrackingToken lowerBound(TrackingToken other) {
                return this;
            }

            @Override
            public TrackingToken upperBound(TrackingToken other) {
                return this;
            }

            @Override
            public boolean covers(TrackingToken other) {
                return false;
            }
        };

        assertThatThrownBy(() -> projection.on(added(COMMENT, null, "First!"), 0, noPosition))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no event position");
        assertThat(rows()).isZero();
    }

    @Test
    void anEditChangesTheContentAndRecordsWhen() {
        projection.on(added(COMMENT, null, "First!"), 0, at(41));

        projection.on(new CommentEdited(COMMENT, POST, AUTHOR, "First, edited", EDITED), 1);

        assertThat(row(COMMENT))
                .containsEntry("content", "First, edited")
                .containsEntry("user_id", AUTHOR.value())
                .containsEntry("version", 1L)
                .containsEntry("event_position", 41L);
        assertThat(((Timestamp) row(COMMENT).get("edited_at")).toInstant()).isEqualTo(EDITED);
    }

    @Test
    void eventsHandledAgainAfterLaterOnesChangeNothing() {
        projection.on(added(COMMENT, null, "First!"), 0, at(41));
        projection.on(new CommentEdited(COMMENT, POST, AUTHOR, "Second", EDITED), 1);
        projection.on(new CommentEdited(COMMENT, POST, AUTHOR, "Third", EDITED.plusSeconds(1)), 2);

        // A stolen claim: the segment's events again from an older token, in their order.
        projection.on(added(COMMENT, null, "First!"), 0, at(41));
        projection.on(new CommentEdited(COMMENT, POST, AUTHOR, "Second", EDITED), 1);

        assertThat(row(COMMENT)).containsEntry("content", "Third").containsEntry("version", 2L);
    }

    @Test
    void aRemovalForgetsTheAuthorAndTheContentAndKeepsThePlaceInTheThread() {
        projection.on(added(COMMENT, null, "First!"), 0, at(41));
        projection.on(new CommentEdited(COMMENT, POST, AUTHOR, "Edited", EDITED), 1);

        projection.on(removed(COMMENT), 2);
        projection.on(removed(COMMENT), 2);
        projection.on(added(COMMENT, null, "First!"), 0, at(41));

        Map<String, Object> row = row(COMMENT);
        assertThat(row)
                .containsEntry("removed", true)
                .containsEntry("version", 2L)
                .containsEntry("parent_comment_id", null)
                .containsEntry("event_position", 41L);
        assertThat(row.get("user_id")).isNull();
        assertThat(row.get("content")).isNull();
        assertThat(row.get("edited_at")).isNull();
    }

    @Test
    void anEditOrARemovalOfACommentWithoutARowFailsSoThatTheEventParks() {
        assertThatThrownBy(() -> projection.on(new CommentEdited(COMMENT, POST, AUTHOR, "Edited", EDITED), 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no comment_view row");
        assertThatThrownBy(() -> projection.on(removed(COMMENT), 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no comment_view row");
        assertThat(rows()).isZero();
    }

    private static CommentRemoved removed(CommentId id) {
        return new CommentRemoved(id, POST, AUTHOR, CommentRemovalRole.AUTHOR, EDITED.plusSeconds(60));
    }

    @Test
    void theResetEmptiesTheTableForARebuild() {
        projection.on(added(COMMENT, null, "First!"), 0, at(41));

        projection.reset();

        assertThat(rows()).isZero();
    }
}
