package dev.platform.command.user;

import dev.platform.api.user.Role;
import dev.platform.api.user.UserId;
import java.time.Instant;

/** The result of a profile update: the profile after the change and the aggregate version it is at. */
record ProfileResult(
        UserId id, String email, String username, String bio, Role role, Instant updatedAt, long version) {}
