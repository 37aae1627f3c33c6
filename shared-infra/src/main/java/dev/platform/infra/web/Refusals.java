package dev.platform.infra.web;

import dev.platform.api.common.DomainException;
import dev.platform.api.common.ErrorCode;

/**
 * The web layer's common refusals (not found, forbidden, a malformed id), each a {@link DomainException} with the
 * contract's wording, so that controllers say them one way and the one exception handler answers them.
 */
public final class Refusals {

    private Refusals() {}

    public static DomainException notFound(ErrorCode code, String what) {
        return new DomainException(code, what + " not found.");
    }

    public static DomainException forbidden(String detail) {
        return new DomainException(ErrorCode.FORBIDDEN, detail);
    }

    public static DomainException invalidId(String name) {
        return new DomainException(ErrorCode.INVALID_ID, "The path parameter '" + name + "' is not a valid UUID.");
    }
}
