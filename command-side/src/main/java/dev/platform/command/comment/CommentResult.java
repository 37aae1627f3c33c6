package dev.platform.command.comment;

import dev.platform.api.comment.CommentId;

/** The result of adding a comment: the new comment and the aggregate version the read model must reach. */
record CommentResult(CommentId id, long version) {}
