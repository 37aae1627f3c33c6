package dev.platform.infra.web;

import dev.platform.api.common.DomainException;
import dev.platform.api.common.ErrorCode;

/**
 * A refusal that passes: answered with its code and a {@code Retry-After} header in whole seconds (at least 1),
 * so a client knows when asking again makes sense.
 */
public class RetryLater extends DomainException {

    private final long retryAfterSeconds;

    public RetryLater(ErrorCode code, String detail, long retryAfterSeconds) {
        super(code, detail);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
