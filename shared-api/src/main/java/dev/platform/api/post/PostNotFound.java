package dev.platform.api.post;

import dev.platform.api.common.DomainException;
import dev.platform.api.common.ErrorCode;

/**
 * No such post, or a draft the caller may not see: the two answers are the same, so a draft's existence never
 * leaks to anyone but its creator.
 */
public class PostNotFound extends DomainException {
    public PostNotFound() {
        super(ErrorCode.POST_NOT_FOUND, "Post not found.");
    }
}
