package dev.platform.api.user;

import dev.platform.api.common.DomainException;
import dev.platform.api.common.ErrorCode;

/** Another account already uses this e-mail address (compared case-insensitively). */
public class EmailTaken extends DomainException {
    public EmailTaken() {
        super(ErrorCode.EMAIL_TAKEN, "This e-mail address is already registered.");
    }
}
