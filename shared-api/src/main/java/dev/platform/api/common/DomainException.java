package dev.platform.api.common;

/**
 * A business rule was broken; carries the contract's error code. Subclasses are named after the rule
 * ({@code EmailTaken}, {@code PostAlreadyPublished}). Never transient: retrying the same command cannot help.
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;

    public DomainException(ErrorCode code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
