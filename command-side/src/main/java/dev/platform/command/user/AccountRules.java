package dev.platform.command.user;

import dev.platform.infra.web.FieldErrors;
import dev.platform.infra.web.TextRules;
import java.util.regex.Pattern;

/**
 * The contract's rules for account fields, checked at the boundary before any command is sent. The characters
 * are checked first by {@link TextRules} (e-mail and username single-line, password a secret, bio multi-line),
 * then the length and format.
 */
final class AccountRules {

    static final int EMAIL_MAX = 254;
    static final int PASSWORD_MIN = 8;
    static final int PASSWORD_MAX = 128;
    static final int BIO_MAX = 500;
    // Login refuses what no account can match before any database access. The password bound is above the
    // registration maximum because the operator's password comes from configuration, unchecked; it caps the
    // work of one hash.
    static final int LOGIN_PASSWORD_MAX = 1024;

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_]{3,30}");
    // A pragmatic address: dot-atom local part, a domain of at least two labels of letters, digits and hyphens.
    private static final Pattern EMAIL =
            Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private AccountRules() {}

    static void email(FieldErrors errors, String email) {
        if (email == null) {
            errors.add("email", "is required");
        } else if (TextRules.singleLine(errors, "email", email)
                && (email.length() > EMAIL_MAX || !EMAIL.matcher(email).matches() || email.indexOf('@') > 64)) {
            errors.add("email", "must be a valid e-mail address of at most " + EMAIL_MAX + " characters");
        }
    }

    static void username(FieldErrors errors, String username) {
        if (username == null) {
            errors.add("username", "is required");
        } else if (TextRules.singleLine(errors, "username", username)
                && !USERNAME.matcher(username).matches()) {
            errors.add("username", "must be 3 to 30 letters, digits or underscores");
        }
    }

    static void password(FieldErrors errors, String password) {
        if (password == null) {
            errors.add("password", "is required");
        } else if (TextRules.secret(errors, "password", password)) {
            int length = password.codePointCount(0, password.length());
            if (length < PASSWORD_MIN || length > PASSWORD_MAX) {
                errors.add("password", "must be " + PASSWORD_MIN + " to " + PASSWORD_MAX + " characters");
            }
        }
    }

    static void bio(FieldErrors errors, String bio) {
        if (TextRules.multiLine(errors, "bio", bio) && bio != null && bio.codePointCount(0, bio.length()) > BIO_MAX) {
            errors.add("bio", "must be at most " + BIO_MAX + " characters");
        }
    }

    /**
     * A login e-mail: the characters and the length of a registered one, not its format (a malformed e-mail is
     * simply unknown: 401 like any other).
     */
    static void loginEmail(FieldErrors errors, String email) {
        if (email == null) {
            errors.add("email", "is required");
        } else if (TextRules.singleLine(errors, "email", email) && email.length() > EMAIL_MAX) {
            errors.add("email", "must be at most " + EMAIL_MAX + " characters");
        }
    }

    static void loginPassword(FieldErrors errors, String password) {
        if (password == null) {
            errors.add("password", "is required");
        } else if (TextRules.secret(errors, "password", password)
                && password.codePointCount(0, password.length()) > LOGIN_PASSWORD_MAX) {
            errors.add("password", "must be at most " + LOGIN_PASSWORD_MAX + " characters");
        }
    }
}
