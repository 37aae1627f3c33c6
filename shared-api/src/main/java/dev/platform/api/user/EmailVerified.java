package dev.platform.api.user;

import java.time.Instant;

/** Emitted once per account, when its e-mail address was verified through a link sent to it. */
public record EmailVerified(UserId userId, Instant verifiedAt) {}
