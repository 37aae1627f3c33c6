package dev.platform.command.comment;

import dev.platform.api.user.UserId;

/** What a comment needs to know of its post: who wrote it and whether it is published. */
record PostStanding(UserId creatorId, boolean published) {}
