package dev.platform.api.user;

import dev.platform.api.common.DomainException;
import dev.platform.api.common.ErrorCode;
import java.util.Map;

/**
 * A password reset token that is genuine and unexpired but spent: it, or a later one, set a password already, or the
 * password was changed since it was asked for. A 400 naming the request's {@code token} field.
 */
public class ResetTokenSpent extends DomainException {
    public static final String MESSAGE =
            "has been used already, or the password was set since it was sent; ask for another e-mail";

    public ResetTokenSpent() {
        super(ErrorCode.VALIDATION_FAILED, "The request is invalid.", Map.of("token", MESSAGE));
    }
}
