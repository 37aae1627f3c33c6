package dev.platform.command.user;

import dev.platform.api.common.ErrorCode;
import dev.platform.api.user.UserId;
import dev.platform.infra.web.FieldErrors;
import dev.platform.infra.web.Overloaded;
import dev.platform.infra.web.Refusals;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The check of a password a logged-in person gives to confirm an act on their own account (a password change, an
 * erasure): judged like a login's and counted in the same throttle ({@link LoginThrottle}, per e-mail), so a stolen
 * token cannot guess the password faster than the login allows. A wrong one is a 400 naming the body's field, not a
 * 401, which would tell the client its token is bad.
 */
@Component
class OwnPassword {

    private final PasswordEncoder passwords;
    private final UserAccounts accounts;
    private final LoginThrottle throttle;

    OwnPassword(PasswordEncoder passwords, UserAccounts accounts, LoginThrottle throttle) {
        this.passwords = passwords;
        this.accounts = accounts;
        this.throttle = throttle;
    }

    /**
     * Passes when {@code password} is the account's; else a 400 on {@code field}. An unknown account is 404, every
     * password hashing slot busy a 503 that counts as no attempt, too many failures a 429 ({@link LoginThrottle}).
     */
    void mustMatch(UserId id, String password, String field) {
        var account = accounts.findById(id).orElseThrow(() -> Refusals.notFound(ErrorCode.USER_NOT_FOUND, "User"));
        LoginThrottle.Attempt attempt = throttle.reserve(account.email());
        boolean matches;
        try {
            matches = passwords.matches(password, account.passwordHash());
        } catch (Overloaded notChecked) {
            throttle.release(attempt);
            throw notChecked;
        }
        if (!matches) {
            throw FieldErrors.failure(field, "is not the account's current password");
        }
        throttle.succeeded(account.email());
    }
}
