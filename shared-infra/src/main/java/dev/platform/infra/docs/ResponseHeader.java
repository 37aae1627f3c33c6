package dev.platform.infra.docs;

import dev.platform.infra.web.Paging;
import dev.platform.infra.web.RequestIds;
import dev.platform.infra.web.StaleReadModel;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.List;
import java.util.function.Supplier;

/**
 * Response headers of the contract, declared once under {@code components/headers} and referenced from each
 * response that carries them.
 */
public enum ResponseHeader {
    REQUEST_ID(
            RequestIds.HEADER,
            "The request's id: the caller's when it sent a sane one (up to 64 of [A-Za-z0-9._-]), else a new one.",
            StringSchema::new),
    TOTAL_COUNT(
            Paging.TOTAL_COUNT,
            "The number of items the list has without limit and offset.",
            () -> new IntegerSchema().format("int64")),
    LINK("Link", "Links to the first, previous and next page of the list (RFC 8288).", StringSchema::new),
    LOCATION("Location", "The URL of the resource the request created.", StringSchema::new),
    ETAG(
            "ETag",
            "The representation's version, opaque to clients: send it back in If-Match or If-None-Match.",
            StringSchema::new),
    READ_MODEL(
            StaleReadModel.HEADER,
            "`stale` when the write is stored but the read model serving the matching read had not applied it"
                    + " when the answer left (on GET /posts/{id}/notifications: the notification side had not"
                    + " applied the post's latest change in time); absent otherwise.",
            () -> new StringSchema()._enum(List.of("stale"))),
    RETRY_AFTER(
            "Retry-After",
            "Seconds after which the request may be tried again.",
            () -> new IntegerSchema().format("int32")),
    WWW_AUTHENTICATE("WWW-Authenticate", "`Bearer`, with the reason of the refusal.", StringSchema::new);

    private final String headerName;
    private final String description;
    private final Supplier<Schema<?>> schema;

    ResponseHeader(String headerName, String description, Supplier<Schema<?>> schema) {
        this.headerName = headerName;
        this.description = description;
        this.schema = schema;
    }

    public String headerName() {
        return headerName;
    }

    Header definition() {
        return new Header().description(description).schema(schema.get());
    }

    Header reference() {
        return new Header().$ref("#/components/headers/" + headerName);
    }
}
