package dev.platform.api.common;

/** The machine-readable error codes of the contract, each with the HTTP status it is answered with. */
public enum ErrorCode {
    VALIDATION_FAILED(400),
    MALFORMED_JSON(400),
    INVALID_ID(400),
    UNAUTHENTICATED(401),
    INVALID_CREDENTIALS(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    USER_NOT_FOUND(404),
    POST_NOT_FOUND(404),
    COMMENT_NOT_FOUND(404),
    SUBSCRIPTION_NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    NOT_ACCEPTABLE(406),
    EMAIL_TAKEN(409),
    USERNAME_TAKEN(409),
    POST_ALREADY_PUBLISHED(409),
    POST_NOT_PUBLISHED(409),
    CONCURRENT_MODIFICATION(409),
    /** Another request with the same {@code Idempotency-Key} is still running and did not finish in time. */
    IDEMPOTENCY_KEY_IN_PROGRESS(409),
    /**
     * The resource an {@code Idempotency-Key} creates exists already, but the answer of the request that created it
     * is not stored (its node stopped before, or the key is older than its lifetime).
     */
    IDEMPOTENT_RESOURCE_EXISTS(409),
    PRECONDITION_FAILED(412),
    PAYLOAD_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    /** The same {@code Idempotency-Key} came with another body or on another route. */
    IDEMPOTENCY_KEY_REUSED(422),
    PRECONDITION_REQUIRED(428),
    RATE_LIMITED(429),
    INTERNAL_ERROR(500),
    SERVICE_UNAVAILABLE(503);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    /** The HTTP status this code is answered with. */
    public int status() {
        return status;
    }
}
