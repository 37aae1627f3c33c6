package dev.platform.infra.docs;

import dev.platform.infra.web.Paging;
import io.swagger.v3.oas.models.media.DateTimeSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Supplier;

/**
 * The query parameters as a client should see them: typed, with their ranges and defaults. The controllers take
 * them as strings and answer their own 400s (so a bad value keeps its contract message); only the description is
 * typed.
 */
public enum QueryParameter {
    LIMIT(
            "limit",
            "Items per page, 1 to " + Paging.MAX_LIMIT + ".",
            () -> new IntegerSchema()
                    .minimum(BigDecimal.ONE)
                    .maximum(BigDecimal.valueOf(Paging.MAX_LIMIT))
                    ._default(Paging.DEFAULT_LIMIT)),
    OFFSET(
            "offset",
            "Items to skip, at least 0.",
            () -> new IntegerSchema().minimum(BigDecimal.ZERO)._default(0)),
    POST_STATUS(
            "status",
            "Only posts in this status (others than the creator see published posts only).",
            () -> new StringSchema()._enum(List.of("published", "draft", "scheduled"))),
    SUBSCRIPTION_STATUS(
            "status",
            "Only subscriptions in this status.",
            () -> new StringSchema()._enum(List.of("active", "cancelled"))),
    AS_OF(
            "as_of",
            "The post as it stood at this instant (its creator and admins only), rebuilt from its events.",
            DateTimeSchema::new),
    UNSUBSCRIBE_TOKEN(
            "token",
            "The signed token of the e-mail's unsubscribe link (it names the subscription; no login needed).",
            () -> new StringSchema().minLength(1)),
    AFTER(
            "after",
            "Only events after this global position (default: from the start).",
            () -> new IntegerSchema().format("int64").minimum(BigDecimal.ZERO)),
    REBUILD_SWITCH(
            "switch",
            "auto: switch the rebuilt tables in once caught up and compared; manual: stop there, keep following new"
                    + " events, and wait for POST .../rebuild/switch or DELETE .../rebuild.",
            () -> new StringSchema()._enum(List.of("auto", "manual"))._default("auto"));

    private final String parameterName;
    private final String description;
    private final Supplier<Schema<?>> schema;

    QueryParameter(String parameterName, String description, Supplier<Schema<?>> schema) {
        this.parameterName = parameterName;
        this.description = description;
        this.schema = schema;
    }

    public String parameterName() {
        return parameterName;
    }

    Parameter parameter() {
        return new Parameter()
                .in("query")
                .name(parameterName)
                .required(false)
                .description(description)
                .schema(schema.get());
    }
}
