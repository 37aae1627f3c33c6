package dev.platform.command.comment;

import dev.platform.api.user.UserId;

/** One row of {@code post_state}: what a comment needs to know of its post, who wrote it and whether it is published. */
record PostStateRow(UserId creatorId, boolean published) {}
