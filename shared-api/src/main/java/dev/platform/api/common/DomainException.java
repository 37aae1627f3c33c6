package dev.platform.api.common;

import java.util.Map;

/**
 * A business rule was broken; carries the contract's error code, and for a rule about one request field
 * ({@code VALIDATION_FAILED}) that field with its message. Subclasses are named after the rule
 * ({@code EmailTaken}, {@code PostAlreadyPublished}). The web layer refuses a request with the same class (bad
 * input, not allowed, not found), so one handler turns every refusal into the contract's error body. Never
 * transient, except a refusal that names when to ask again (shared-infra's {@code RetryLater}).
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final Map<String, String> fieldErrors;

    public DomainException(ErrorCode code, String detail) {
        this(code, detail, Map.of());
    }

    public DomainException(ErrorCode code, String detail, Map<String, String> fieldErrors) {
        super(detail, null, false, false);
        this.code = code;
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    public ErrorCode code() {
        return code;
    }

    /** The request fields the rule is about, each with its message; empty when the rule is about no one field. */
    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
