package dev.platform.api.post;

import dev.platform.api.common.DomainException;
import dev.platform.api.common.ErrorCode;

/** Something that needs a published post (unpublishing it, commenting on it) met a draft. */
public class PostNotPublished extends DomainException {
    public PostNotPublished() {
        super(ErrorCode.POST_NOT_PUBLISHED, "This post is not published.");
    }
}
