package dev.platform.command.comment;

import dev.platform.api.comment.CommentId;
import dev.platform.api.post.PostId;
import java.util.Optional;

/**
 * The command side's own knowledge of what a comment can be attached to. Every method runs in the transaction of
 * the command that calls it.
 */
interface CommentTargets {

    /**
     * The post's creator and status, locked against a change of its status until the calling transaction ends
     * (a concurrent publication or unpublication of the post waits for it); empty when there is no such post.
     */
    Optional<PostStateRow> lockPost(PostId postId);

    /** The post a comment is on; empty when there is no such comment. */
    Optional<PostId> postOf(CommentId commentId);

    /** Records the post of a new comment, so replies to it can be checked. */
    void recordComment(CommentId commentId, PostId postId);
}
