package dev.platform.api.comment;

import dev.platform.api.common.DomainException;
import dev.platform.api.common.ErrorCode;

/** Only the author of a comment may edit it (answered 403; the post's creator and an admin may only remove it). */
public class NotCommentAuthor extends DomainException {
    public NotCommentAuthor() {
        super(ErrorCode.FORBIDDEN, "Only the author of this comment may edit it.");
    }
}
