package dev.platform.api.comment;

import dev.platform.api.common.DomainException;
import dev.platform.api.common.ErrorCode;

/** A comment may be removed by its author, the creator of its post and an admin; anyone else gets 403. */
public class CommentRemovalRefused extends DomainException {
    public CommentRemovalRefused() {
        super(
                ErrorCode.FORBIDDEN,
                "Only the author of this comment, the creator of the post or an admin may remove it.");
    }
}
