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

    /**
     * The comment's post and whether it was removed, locked against its removal until the calling transaction ends
     * (a concurrent removal waits for it, and it for the removal); empty when there is no such comment.
     */
    Optional<CommentRow> lockComment(CommentId commentId);

    /**
     * As {@link #lockComment}, but locked exclusively, as a removal that will change the row must: two removals
     * sharing the row would each wait for the other's lock to update it.
     */
    Optional<CommentRow> lockCommentForRemoval(CommentId commentId);

    /**
     * As {@link #lockPost}, and when the post is published, records it as the post of the new comment {@code
     * commentId}, so replies to it can be checked (an admission that fails after this is rolled back with its
     * transaction, the record with it).
     */
    Optional<PostStateRow> lockPostRecordingComment(PostId postId, CommentId commentId);

    /** Records that the comment was removed, so it takes no replies. */
    void recordRemoval(CommentId commentId);
}
