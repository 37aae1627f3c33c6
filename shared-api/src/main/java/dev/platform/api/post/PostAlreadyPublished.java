package dev.platform.api.post;

import dev.platform.api.common.DomainException;
import dev.platform.api.common.ErrorCode;

/** A post that is already published was asked to be published again. */
public class PostAlreadyPublished extends DomainException {
    public PostAlreadyPublished() {
        super(ErrorCode.POST_ALREADY_PUBLISHED, "This post is already published.");
    }
}
