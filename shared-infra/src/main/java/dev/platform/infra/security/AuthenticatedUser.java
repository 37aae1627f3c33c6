package dev.platform.infra.security;

import dev.platform.api.user.Role;
import dev.platform.api.user.UserId;
import dev.platform.infra.web.Refusals;

/** Who is calling, as the verified token says: the subject and its role. Never taken from a request body. */
public record AuthenticatedUser(UserId id, Role role) {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /**
     * Throws 403 {@code FORBIDDEN} with this detail unless the caller is the admin: the one check of every admin
     * endpoint.
     */
    public void requireAdmin(String detail) {
        if (!isAdmin()) {
            throw Refusals.forbidden(detail);
        }
    }

    public boolean is(UserId other) {
        return id.equals(other);
    }
}
