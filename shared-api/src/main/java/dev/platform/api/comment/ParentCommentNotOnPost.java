package dev.platform.api.comment;

import dev.platform.api.common.DomainException;
import dev.platform.api.common.ErrorCode;
import java.util.Map;

/** A reply named a parent that is no comment of the post it was sent to (another post's comment, or none at all). */
public class ParentCommentNotOnPost extends DomainException {

    public static final String FIELD = "parent_comment_id";

    public ParentCommentNotOnPost() {
        super(ErrorCode.VALIDATION_FAILED, "The request is invalid.", Map.of(FIELD, "must be a comment on this post"));
    }
}
