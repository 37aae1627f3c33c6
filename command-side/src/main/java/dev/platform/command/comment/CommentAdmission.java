package dev.platform.command.comment;

import dev.platform.api.comment.AddComment;
import dev.platform.api.comment.ParentCommentNotOnPost;
import dev.platform.api.comment.ParentCommentRemoved;
import dev.platform.api.post.PostNotFound;
import dev.platform.api.post.PostNotPublished;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Decides whether a comment may be added, then creates it, all in the command's one transaction. The post must
 * exist and be published: a draft is {@link PostNotFound} to everyone but its creator, who is told
 * {@link PostNotPublished}. A reply's parent must be a comment of the same post ({@link ParentCommentNotOnPost})
 * that was not removed ({@link ParentCommentRemoved}).
 *
 * <p>The post's row is read with a shared lock ({@link CommentTargets#lockPostRecordingComment}, which records the
 * comment under a published post in the same statement), so a comment racing an
 * unpublication is serialised with it on every node: either the comment commits first (it was added while the
 * post was published) or it waits and then sees the draft. The parent's row is read with a shared lock too, so a
 * reply racing the parent's removal either commits first or sees the removal. Comments never move, so the parent's
 * post cannot change after it is read.
 */
@Component
class CommentAdmission {

    private final Repository<Comment> comments;
    private final CommentTargets targets;

    CommentAdmission(Repository<Comment> comments, CommentTargets targets) {
        this.comments = comments;
        this.targets = targets;
    }

    /** Returns the new comment and its version, for read-your-writes. */
    @CommandHandler
    CommentResult handle(AddComment command) throws Exception {
        PostStateRow post = targets.lockPostRecordingComment(command.postId(), command.commentId())
                .orElseThrow(PostNotFound::new);
        if (!post.published()) {
            throw post.creatorId().equals(command.userId()) ? new PostNotPublished() : new PostNotFound();
        }
        if (command.parentCommentId() != null) {
            CommentRow parent = targets.lockComment(command.parentCommentId())
                    .filter(row -> row.isOn(command.postId()))
                    .orElseThrow(ParentCommentNotOnPost::new);
            if (parent.removed()) {
                throw new ParentCommentRemoved();
            }
        }
        Aggregate<Comment> comment = comments.newInstance(() -> new Comment(command));
        return new CommentResult(command.commentId(), comment.version());
    }
}
