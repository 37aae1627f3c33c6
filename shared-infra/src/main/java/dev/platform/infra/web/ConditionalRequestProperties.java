package dev.platform.infra.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.api.*}: how strict the API is about conditional writes.
 *
 * @param requireIfMatch whether a write that can be conditional ({@code PUT /posts/{id}}, {@code POST
 *     /posts/{id}/publish}, {@code PUT /users/{id}}) must carry {@code If-Match}; without it: 428
 *     {@code PRECONDITION_REQUIRED}. Off, a write without it is unconditional, as before ETags existed.
 */
@ConfigurationProperties("platform.api")
public record ConditionalRequestProperties(
        @DefaultValue("false") boolean requireIfMatch) {}
