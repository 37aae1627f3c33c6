package dev.platform.command.comment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.platform.api.comment.AddComment;
import dev.platform.api.comment.CommentAdded;
import dev.platform.api.comment.CommentId;
import dev.platform.api.post.PostId;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One comment on one post, at the top level or as a reply to another comment of the same post.
 *
 * <p>Invariants: the post, the author, the parent and the time are fixed when the comment is added; the content
 * has 1 to {@value CommentRules#CONTENT_MAX} characters and is not blank; a comment is never its own parent.
 * That the post exists and is published, and that the parent is a comment of the same post, needs the command
 * side's tables: {@link CommentAdmission} checks it in the same transaction before it creates the comment.
 */
// Only events of this aggregate type are read: another aggregate's id is an unknown one (see Post).
@Aggregate(filterEventsByType = true)
class Comment {

    @AggregateIdentifier
    private CommentId id;

    private PostId postId;

    Comment() {
        // for Axon: rebuilt from events
    }

    /** A new comment; only {@link CommentAdmission} creates one, after checking the post and the parent. */
    Comment(AddComment command) {
        if (!CommentRules.validContent(command.content())) {
            throw new IllegalArgumentException("a comment needs 1 to " + CommentRules.CONTENT_MAX + " characters");
        }
        if (command.commentId().equals(command.parentCommentId())) {
            throw new IllegalArgumentException("a comment cannot reply to itself");
        }
        apply(new CommentAdded(
                command.commentId(),
                command.postId(),
                command.userId(),
                command.parentCommentId(),
                command.content(),
                command.createdAt()));
    }

    @EventSourcingHandler
    void on(CommentAdded event) {
        id = event.commentId();
        postId = event.postId();
    }
}
