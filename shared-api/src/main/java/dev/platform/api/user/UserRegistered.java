package dev.platform.api.user;

import java.time.Instant;

/** Emitted once when a user account comes to be. Holds no secret: the password hash lives elsewhere. */
public record UserRegistered(UserId userId, String email, String username, Role role, Instant registeredAt) {}
