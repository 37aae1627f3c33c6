package dev.platform.command.comment;

import dev.platform.api.post.PostId;

/** One row of {@code comment_post}: the post a comment is on, and whether the comment was removed. */
record CommentRow(PostId postId, boolean removed) {

    /** Whether this is a comment of that post (removed or not). */
    boolean isOn(PostId post) {
        return postId.equals(post);
    }
}
