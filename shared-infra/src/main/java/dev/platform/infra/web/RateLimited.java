package dev.platform.infra.web;

import dev.platform.api.common.ErrorCode;

/** 429 {@code RATE_LIMITED}, answered with a {@code Retry-After} header in whole seconds. */
public class RateLimited extends RetryLater {

    public RateLimited(String detail, long retryAfterSeconds) {
        super(ErrorCode.RATE_LIMITED, detail, retryAfterSeconds);
    }
}
