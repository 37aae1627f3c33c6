package dev.platform.query.comment;

import dev.platform.api.comment.CommentAdded;
import dev.platform.api.comment.CommentEdited;
import dev.platform.api.comment.CommentId;
import dev.platform.api.comment.CommentRemoved;
import dev.platform.api.common.ReadModels;
import dev.platform.infra.axon.InlineProjections;
import dev.platform.infra.axon.StorableText;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

/**
 * Projects comments into {@code comment_view}: added ({@code CommentAdded}, the first event of its aggregate), edited
 * and removed. Handled again (a stolen claim, a retried batch) an event finds its row and changes nothing: the row
 * keeps the sequence number of the last event applied to it, and an edit or removal applies only when newer. A
 * removal forgets the author and the content; the row stays, for the thread around it ({@link CommentViewTable}
 * decides what the reads show). What cannot happen fails, so the event parks in the dead-letter queue: a {@code
 * CommentAdded} that is not its aggregate's first event, a second, different comment under an id that is taken, an
 * edit or removal of a comment without a row.
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

    /**
     * In a command's first attempt, applied inline ({@link InlineProjections#positionAtCommit}), the row goes with the
     * commit's kept statements, its position read there from the event's row: a row already under the id then fails
     * the attempt, and the second one checks it as below.
     */
    @EventHandler
    void on(CommentAdded event, @SequenceNumber long sequence, EventMessage<?> message) {
        if (sequence == 0 && InlineProjections.positionAtCommit(message)) {
            table.insertAtCommit(event.postId(), added(event), message.getIdentifier());
            return;
        }
        on(event, sequence, ((TrackedEventMessage<?>) message).trackingToken());
    }

    /** The comment of {@code event}, at its position in the stream ({@code token}). */
    void on(CommentAdded event, long sequence, TrackingToken token) {
        if (sequence != 0) {
            throw new IllegalStateException("CommentAdded is a comment's first event, not #" + sequence + ": " + event);
        }
        long position = token.position()
                .orElseThrow(() -> new IllegalStateException("no event position in " + token + " for " + event));
        CommentView comment = added(event);
        if (!table.insert(event.postId(), comment, position) && !table.holds(event.postId(), comment)) {
            throw new IllegalStateException("comment_view holds another comment under the id of " + event);
        }
    }

    private static CommentView added(CommentAdded event) {
        return CommentView.added(
                event.commentId(),
                event.userId(),
                event.parentCommentId(),
                StorableText.of(event.content(), "content", event.commentId()),
                event.createdAt());
    }

    @EventHandler
    void on(CommentEdited event, @SequenceNumber long sequence) {
        String content = StorableText.of(event.content(), "content", event.commentId());
        if (!table.edit(event.commentId(), content, event.editedAt(), sequence)) {
            requireApplied(event.commentId(), sequence, event);
        }
    }

    @EventHandler
    void on(CommentRemoved event, @SequenceNumber long sequence) {
        if (!table.remove(event.commentId(), sequence)) {
            requireApplied(event.commentId(), sequence, event);
        }
    }

    /** An event that changed nothing was applied before (handled again); without a row it cannot be applied. */
    private void requireApplied(CommentId id, long sequence, Object event) {
        long applied =
                table.version(id).orElseThrow(() -> new IllegalStateException("no comment_view row for " + event));
        if (applied < sequence) {
            throw new IllegalStateException("comment_view did not apply " + event + " (row at #" + applied + ")");
        }
    }

    @ResetHandler
    void reset() {
        table.truncate();
    }
}
