package dev.platform.infra.web;

import dev.platform.api.common.ErrorCode;

/**
 * 503 {@code SERVICE_UNAVAILABLE} with a {@code Retry-After} header: a bounded resource of this process (a
 * bulkhead) stayed full for as long as a request may wait for it. Nothing was done; the request may be repeated.
 */
public class Overloaded extends RetryLater {

    public Overloaded(String detail, long retryAfterSeconds) {
        super(ErrorCode.SERVICE_UNAVAILABLE, detail, retryAfterSeconds);
    }
}
