package dev.platform.query.comment;

import dev.platform.api.comment.CommentAdded;
import dev.platform.api.common.ReadModels;
import dev.platform.infra.axon.StorableText;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

/**
 * Projects comments into {@code comment_view}. A comment is one event, the first of its aggregate: handled again
 * (a stolen claim, a retried batch) it finds its row and changes nothing. What cannot happen fails, so the event
 * parks in the dead-letter queue: a {@code CommentAdded} that is not its aggregate's first event, or a second,
 * different comment under an id that is taken.
 *
 * <p>Parents are not checked here: with several segments a reply may be projected before its parent, and the
 * command side has already made sure that the parent is a comment of the same post.
 */
@Component
@ProcessingGroup(ReadModels.COMMENTS)
class CommentProjection {

    private final CommentViewTable table;

    CommentProjection(CommentViewTable table) {
        this.table = table;
    }

    @EventHandler
    void on(CommentAdded event, @SequenceNumber long sequence, TrackingToken token) {
        if (sequence != 0) {
            throw new IllegalStateException("CommentAdded is a comment's first event, not #" + sequence + ": " + event);
        }
        long position = token.position()
                .orElseThrow(() -> new IllegalStateException("no event position in " + token + " for " + event));
        CommentView comment = new CommentView(
                event.commentId(),
                event.userId(),
                event.parentCommentId(),
                StorableText.of(event.content(), "content", event.commentId()),
                event.createdAt());
        if (!table.insert(event.postId(), comment, position) && !table.holds(event.postId(), comment)) {
            throw new IllegalStateException("comment_view holds another comment under the id of " + event);
        }
    }

    @ResetHandler
    void reset() {
        table.truncate();
    }
}
