package dev.platform.api.post;

import dev.platform.api.common.DomainException;
import dev.platform.api.common.ErrorCode;

/** Only a post's creator may change or publish it; answered 403 once the post is published (drafts are 404). */
public class NotPostCreator extends DomainException {
    public NotPostCreator() {
        super(ErrorCode.FORBIDDEN, "Only the creator of this post may do this.");
    }
}
