package dev.platform.api.user;

import dev.platform.api.common.DomainException;
import dev.platform.api.common.ErrorCode;

/** Another account already uses this username (compared case-insensitively). */
public class UsernameTaken extends DomainException {
    public UsernameTaken() {
        super(ErrorCode.USERNAME_TAKEN, "This username is already taken.");
    }
}
