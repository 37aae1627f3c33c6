package dev.platform.command.user;

import dev.platform.infra.web.TextRules;
import dev.platform.infra.web.body.FieldRule;
import java.util.regex.Pattern;

/**
 * The contract's rules for account fields, checked at the boundary before any command is sent (through the
 * constraints of the user request records). The characters are checked first by {@link TextRules} (e-mail and
 * username single-line, password a secret, bio multi-line), then the length and format here.
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
    // Account tokens are 88 characters; the bound only keeps an absurd body from being decoded.
    static final int TOKEN_MAX = 1024;
    static final String ROLE = "must be \"creator\" or \"reader\"";
    static final String SIGN_UP_ROLES = "creator|reader";

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_]{3,30}");
    // A pragmatic address: dot-atom local part, a domain of at least two labels of letters, digits and hyphens.
    private static final Pattern EMAIL =
            Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private AccountRules() {}

    /** A registration's e-mail: a valid address of at most 254 characters, at most 64 before the {@code @}. */
    static final class Email implements FieldRule {
        @Override
        public String problem(String email) {
            return email.length() > EMAIL_MAX || !EMAIL.matcher(email).matches() || email.indexOf('@') > 64
                    ? "must be a valid e-mail address of at most " + EMAIL_MAX + " characters"
                    : null;
        }
    }

    static final class Username implements FieldRule {
        @Override
        public String problem(String username) {
            return USERNAME.matcher(username).matches() ? null : "must be 3 to 30 letters, digits or underscores";
        }
    }

    static final class Password implements FieldRule {
        @Override
        public String problem(String password) {
            int length = password.codePointCount(0, password.length());
            return length < PASSWORD_MIN || length > PASSWORD_MAX
                    ? "must be " + PASSWORD_MIN + " to " + PASSWORD_MAX + " characters"
                    : null;
        }
    }

    static final class Bio implements FieldRule {
        @Override
        public String problem(String bio) {
            return bio.codePointCount(0, bio.length()) > BIO_MAX ? "must be at most " + BIO_MAX + " characters" : null;
        }
    }

    /**
     * A login e-mail: the characters and the length of a registered one, not its format (a malformed e-mail is
     * simply unknown: 401 like any other).
     */
    static final class LoginEmail implements FieldRule {
        @Override
        public String problem(String email) {
            return email.length() > EMAIL_MAX ? "must be at most " + EMAIL_MAX + " characters" : null;
        }
    }

    static final class LoginPassword implements FieldRule {
        @Override
        public String problem(String password) {
            return password.codePointCount(0, password.length()) > LOGIN_PASSWORD_MAX
                    ? "must be at most " + LOGIN_PASSWORD_MAX + " characters"
                    : null;
        }
    }

    /** An account token from an e-mail: its length only; whether it is one of this platform's is checked after. */
    static final class Token implements FieldRule {
        @Override
        public String problem(String token) {
            return token.length() > TOKEN_MAX ? "must be at most " + TOKEN_MAX + " characters" : null;
        }
    }
}
