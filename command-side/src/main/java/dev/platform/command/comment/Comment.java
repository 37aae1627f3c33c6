package dev.platform.command.comment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.platform.api.comment.AddComment;
import dev.platform.api.comment.CommentAdded;
import dev.platform.api.comment.CommentEdited;
import dev.platform.api.comment.CommentId;
import dev.platform.api.comment.CommentNotFound;
import dev.platform.api.comment.CommentRemovalRefused;
import dev.platform.api.comment.CommentRemovalRole;
import dev.platform.api.comment.CommentRemoved;
import dev.platform.api.comment.EditComment;
import dev.platform.api.comment.NotCommentAuthor;
import dev.platform.api.comment.RemoveComment;
import dev.platform.api.post.PostId;
import dev.platform.api.post.PostNotPublished;
import dev.platform.api.user.UserId;
import java.time.Instant;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One comment on one post, at the top level or as a reply to another comment of the same post.
 *
 * <p>Invariants: the post, the author, the parent and the time are fixed when the comment is added; the content
 * has 1 to {@value CommentRules#CONTENT_MAX} characters and is not blank; a comment is never its own parent.
 * That the post exists and is published, and that the parent is a comment of the same post, needs the command
 * side's tables: {@link CommentAdmission} checks it in the same transaction before it creates the comment.
 *
 * <p>Only its author edits a comment ({@link NotCommentAuthor}), and only while the post is published
 * ({@link PostNotPublished}); the same content again changes nothing. A comment is removed once, by its author,
 * the post's creator, an admin ({@link CommentRemovalRefused} for anyone else) or an erasure; the removal records
 * who and in which role. A removed comment is gone for every command ({@link CommentNotFound}), except that an
 * erasure finds nothing left to do. Whether the post may be seen by the caller is {@link CommentModeration}'s to
 * check, from the command side's tables, before it calls the comment.
 */
// Only events of this aggregate type are read: another aggregate's id is an unknown one (see Post).
@Aggregate(filterEventsByType = true)
class Comment {

    @AggregateIdentifier
    private CommentId id;

    private PostId postId;
    private UserId authorId;
    private CommentId parentCommentId;
    private String content;
    private Instant createdAt;
    private Instant editedAt;
    private boolean removed;

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

    /** Changes the content; {@code postPublished}: whether the post takes comments now. */
    EditedCommentResult edit(EditComment command, boolean postPublished) {
        if (removed) {
            throw new CommentNotFound();
        }
        if (!authorId.equals(command.requestedBy())) {
            throw new NotCommentAuthor();
        }
        if (!postPublished) {
            throw new PostNotPublished();
        }
        if (!CommentRules.validContent(command.content())) {
            throw new IllegalArgumentException("a comment needs 1 to " + CommentRules.CONTENT_MAX + " characters");
        }
        if (!content.equals(command.content())) {
            apply(new CommentEdited(id, postId, authorId, command.content(), command.editedAt()));
        }
        return new EditedCommentResult(
                id, postId, authorId, parentCommentId, content, createdAt, editedAt, AggregateLifecycle.getVersion());
    }

    /**
     * Removes the comment on the authority the command and the post's creator give; answers whether it was removed
     * now (false: an erasure found it removed already).
     */
    boolean remove(RemoveComment command, UserId postCreatorId) {
        if (removed) {
            if (command.erasure()) {
                return false;
            }
            throw new CommentNotFound();
        }
        apply(new CommentRemoved(
                id, postId, command.requestedBy(), roleOf(command, postCreatorId), command.removedAt()));
        return true;
    }

    /** The first that applies: an erasure, the author, the post's creator, an admin. */
    private CommentRemovalRole roleOf(RemoveComment command, UserId postCreatorId) {
        if (command.erasure()) {
            return CommentRemovalRole.ERASURE;
        }
        if (authorId.equals(command.requestedBy())) {
            return CommentRemovalRole.AUTHOR;
        }
        if (postCreatorId.equals(command.requestedBy())) {
            return CommentRemovalRole.POST_CREATOR;
        }
        if (command.requestedByAdmin()) {
            return CommentRemovalRole.ADMIN;
        }
        throw new CommentRemovalRefused();
    }

    @EventSourcingHandler
    void on(CommentAdded event) {
        id = event.commentId();
        postId = event.postId();
        authorId = event.userId();
        parentCommentId = event.parentCommentId();
        content = event.content();
        createdAt = event.createdAt();
    }

    @EventSourcingHandler
    void on(CommentEdited event) {
        content = event.content();
        editedAt = event.editedAt();
    }

    @EventSourcingHandler
    void on(CommentRemoved event) {
        removed = true;
        content = null;
    }
}
