package dev.platform.api.common;

/**
 * A conditional command named versions of the aggregate it changes, and the aggregate is at another one: someone
 * changed it since the caller read it. Nothing was changed; the caller reads it again and decides afresh.
 */
public class StaleVersion extends DomainException {
    public StaleVersion() {
        super(
                ErrorCode.PRECONDITION_FAILED,
                "This resource has changed since the version named in If-Match; read it again and retry.");
    }
}
