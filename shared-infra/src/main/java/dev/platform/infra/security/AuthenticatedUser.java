package dev.platform.infra.security;

import dev.platform.api.user.Role;
import dev.platform.api.user.UserId;

/** Who is calling, as the verified token says: the subject and its role. Never taken from a request body. */
public record AuthenticatedUser(UserId id, Role role) {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public boolean is(UserId other) {
        return id.equals(other);
    }
}
