package dev.platform.command.comment;

import dev.platform.api.comment.CommentNotFound;
import dev.platform.api.comment.EditComment;
import dev.platform.api.comment.RemoveComment;
import dev.platform.api.post.PostId;
import dev.platform.api.post.PostNotFound;
import dev.platform.api.user.UserId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Edits and removes comments, in the command's one transaction, after what the {@link Comment} cannot know itself:
 * the post must exist and be visible to the caller (published, or the caller's own draft; else
 * {@link PostNotFound}, as for a list of its comments), and the comment must be one of that post
 * ({@link CommentNotFound}). An erasure removes the comment whatever the post's state. Then the comment decides
 * (who may, what changes) and a removal is recorded in {@code comment_post}, so the comment takes no more replies.
 *
 * <p>The post's row is read with a shared lock and the comment's with a shared one (an edit) or an exclusive one (a
 * removal, which changes it; {@link CommentTargets}): an edit or removal racing a status change of the post, a
 * reply or another removal is serialised with it on every node.
 */
@Component
class CommentModeration {

    private final Repository<Comment> comments;
    private final CommentTargets targets;

    CommentModeration(Repository<Comment> comments, CommentTargets targets) {
        this.comments = comments;
        this.targets = targets;
    }

    @CommandHandler
    EditedCommentResult handle(EditComment command) {
        PostStateRow post = visiblePost(command.postId(), command.requestedBy(), false);
        targets.lockComment(command.commentId())
                .filter(row -> row.isOn(command.postId()))
                .orElseThrow(CommentNotFound::new);
        Aggregate<Comment> comment = comments.load(command.commentId().toString());
        return comment.invoke(c -> c.edit(command, post.published()));
    }

    /** Returns the comment and its version after the removal (the same version when an erasure found it removed). */
    @CommandHandler
    CommentResult handle(RemoveComment command) {
        PostStateRow post = visiblePost(command.postId(), command.requestedBy(), command.erasure());
        // Exclusive before the comment is loaded: a second removal waits here, not holding a shared lock that the
        // first one's update would wait for while the second waits for the aggregate the first one holds.
        targets.lockCommentForRemoval(command.commentId())
                .filter(row -> row.isOn(command.postId()))
                .orElseThrow(CommentNotFound::new);
        Aggregate<Comment> comment = comments.load(command.commentId().toString());
        if (comment.invoke(c -> c.remove(command, post.creatorId()))) {
            targets.recordRemoval(command.commentId());
        }
        return new CommentResult(command.commentId(), comment.version());
    }

    private PostStateRow visiblePost(PostId postId, UserId caller, boolean erasure) {
        PostStateRow post = targets.lockPost(postId).orElseThrow(PostNotFound::new);
        if (!erasure && !post.published() && !post.creatorId().equals(caller)) {
            throw new PostNotFound();
        }
        return post;
    }
}
