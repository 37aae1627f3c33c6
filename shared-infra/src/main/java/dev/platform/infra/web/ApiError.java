package dev.platform.infra.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** The contract's error body, the same for every error from 400 to 503. */
public record ApiError(
        String detail,
        String code,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> fieldErrors,
        String correlationId) {}
