package dev.platform.command.comment;

import dev.platform.api.comment.CommentId;
import dev.platform.api.post.PostId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/** The command side's tables ({@code post_state}, {@code comment_post}) in memory, for the aggregate tests. */
final class InMemoryCommentTargets implements CommentTargets {
    final Map<PostId, PostStateRow> posts = new HashMap<>();
    final Map<CommentId, PostId> comments = new HashMap<>();
    final Set<CommentId> removed = new HashSet<>();

    @Override
    public Optional<PostStateRow> lockPost(PostId postId) {
        return Optional.ofNullable(posts.get(postId));
    }

    @Override
    public Optional<CommentRow> lockComment(CommentId commentId) {
        return Optional.ofNullable(comments.get(commentId))
                .map(post -> new CommentRow(post, removed.contains(commentId)));
    }

    @Override
    public Optional<CommentRow> lockCommentForRemoval(CommentId commentId) {
        return lockComment(commentId);
    }

    @Override
    public Optional<PostStateRow> lockPostRecordingComment(PostId postId, CommentId commentId) {
        Optional<PostStateRow> post = lockPost(postId);
        if (post.filter(PostStateRow::published).isPresent()) {
            comments.put(commentId, postId);
            // As the table's row, undone when the command's transaction rolls back.
            CurrentUnitOfWork.ifStarted(unitOfWork -> unitOfWork.onRollback(u -> comments.remove(commentId)));
        }
        return post;
    }

    @Override
    public void recordRemoval(CommentId commentId) {
        if (!comments.containsKey(commentId)) {
            throw new IllegalStateException("no comment_post row for " + commentId);
        }
        removed.add(commentId);
    }

    /** The post a comment was recorded under; empty when none was. */
    Optional<PostId> postOf(CommentId commentId) {
        return Optional.ofNullable(comments.get(commentId));
    }
}
