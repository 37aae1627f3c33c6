package dev.platform.api.comment;

import dev.platform.api.common.DomainException;
import dev.platform.api.common.ErrorCode;

/** No such comment on this post, or one that was removed: there is nothing left to edit or remove. */
public class CommentNotFound extends DomainException {
    public CommentNotFound() {
        super(ErrorCode.COMMENT_NOT_FOUND, "Comment not found.");
    }
}
