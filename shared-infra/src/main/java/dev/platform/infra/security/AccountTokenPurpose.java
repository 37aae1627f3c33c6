package dev.platform.infra.security;

/**
 * What an account token may be used for; signed into the token, so a verification link can never reset a password.
 * The codes are stored in tokens already sent: never renumber them.
 */
public enum AccountTokenPurpose {
    VERIFY_EMAIL(1),
    PASSWORD_RESET(2);

    final byte code;

    AccountTokenPurpose(int code) {
        this.code = (byte) code;
    }

    static AccountTokenPurpose of(byte code) {
        for (AccountTokenPurpose purpose : values()) {
            if (purpose.code == code) {
                return purpose;
            }
        }
        return null;
    }
}
