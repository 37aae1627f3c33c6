package dev.platform.api.user;

import java.time.Instant;

/**
 * Emitted when a user's profile changed; {@code username} and {@code bio} are the values after the change
 * (the bio may be {@code null} when none was ever set).
 */
public record UserProfileUpdated(UserId userId, String username, String bio, Instant updatedAt) {}
