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
    PRECONDITION_FAILED(412),
    PAYLOAD_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
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
