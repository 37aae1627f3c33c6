package dev.platform.infra.web;

import dev.platform.api.common.DomainException;
import dev.platform.api.common.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Collects the field errors of one request body and turns them into one 400 {@code VALIDATION_FAILED}. */
public final class FieldErrors {

    private final Map<String, String> errors = new LinkedHashMap<>();

    public FieldErrors add(String field, String message) {
        errors.putIfAbsent(field, message);
        return this;
    }

    public boolean has(String field) {
        return errors.containsKey(field);
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Throws the collected errors, if there are any. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw failure(errors);
        }
    }

    public static DomainException failure(Map<String, String> errors) {
        return new DomainException(ErrorCode.VALIDATION_FAILED, "The request is invalid.", errors);
    }

    public static DomainException failure(String field, String message) {
        return failure(Map.of(field, message));
    }
}
