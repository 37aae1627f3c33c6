package dev.platform.api.comment;

import dev.platform.api.common.DomainException;
import dev.platform.api.common.ErrorCode;
import java.util.Map;

/**
 * A reply named a parent that was removed: a removed comment takes no replies. Answered like a parent that is no
 * comment of the post (400 on {@code parent_comment_id}), as the contract has it for any parent that cannot be
 * replied to, with its own message.
 */
public class ParentCommentRemoved extends DomainException {
    public ParentCommentRemoved() {
        super(
                ErrorCode.VALIDATION_FAILED,
                "The request is invalid.",
                Map.of(ParentCommentNotOnPost.FIELD, "was removed; a removed comment takes no replies"));
    }
}
