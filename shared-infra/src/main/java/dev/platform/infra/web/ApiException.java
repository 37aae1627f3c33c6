package dev.platform.infra.web;

import dev.platform.api.common.ErrorCode;
import java.util.Map;

/** An error decided at the HTTP boundary (bad input, not allowed, not found), answered with its code. */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final Map<String, String> fieldErrors;

    public ApiException(ErrorCode code, String detail) {
        this(code, detail, Map.of());
    }

    public ApiException(ErrorCode code, String detail, Map<String, String> fieldErrors) {
        super(detail, null, false, false);
        this.code = code;
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }

    public static ApiException notFound(ErrorCode code, String what) {
        return new ApiException(code, what + " not found.");
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(ErrorCode.FORBIDDEN, detail);
    }

    public static ApiException invalidId(String name) {
        return new ApiException(ErrorCode.INVALID_ID, "The path parameter '" + name + "' is not a valid UUID.");
    }
}
