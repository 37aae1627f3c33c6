package dev.platform.command.user;

import dev.platform.api.user.Role;
import dev.platform.api.user.UserId;

/** The result of a password change: the account, its role and the aggregate version it is at. */
record PasswordResult(UserId id, Role role, long version) {}
