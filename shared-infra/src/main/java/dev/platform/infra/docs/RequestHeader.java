package dev.platform.infra.docs;

import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;

/** Optional request headers that some operations take; each is a header parameter of those operations. */
public enum RequestHeader {
    IF_MATCH(
            "If-Match",
            "The ETag of the version this change is based on (from a GET or an earlier write): a stale one is"
                    + " refused with 412 PRECONDITION_FAILED and nothing changes; `*` matches any version."),
    IF_NONE_MATCH(
            "If-None-Match",
            "ETags the client already holds (or `*`): when one matches the current version the answer is 304"
                    + " without a body."),
    IDEMPOTENCY_KEY(
            "Idempotency-Key",
            "1 to 255 visible ASCII characters chosen by the client: the same key from the same caller with the same"
                    + " body within 24 h gets the first answer again without a second write; with another body,"
                    + " 422 IDEMPOTENCY_KEY_REUSED.");

    private final String headerName;
    private final String description;

    RequestHeader(String headerName, String description) {
        this.headerName = headerName;
        this.description = description;
    }

    public String headerName() {
        return headerName;
    }

    Parameter parameter() {
        return new Parameter()
                .in("header")
                .name(headerName)
                .required(false)
                .description(description)
                .schema(new StringSchema());
    }
}
