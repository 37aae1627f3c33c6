package dev.platform.infra.web.body;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a request body held that its record could not take, by JSON field name in the order of the body: fields
 * the endpoint does not accept and values of the wrong JSON type, or only {@value #BODY} when the body is no JSON
 * object at all.
 */
public record BindingProblems(Map<String, String> byField) {

    /** The key under which a body that is no JSON object is named. */
    public static final String BODY = "body";

    static final String NOT_ACCEPTED = "is not accepted by this endpoint";
    static final String NOT_AN_OBJECT = "must be a JSON object";

    /** A body that fits its record. */
    public static final BindingProblems NONE = new BindingProblems(Map.of());

    public BindingProblems {
        byField = Collections.unmodifiableMap(new LinkedHashMap<>(byField));
    }

    static BindingProblems ofNotAnObject() {
        return new BindingProblems(Map.of(BODY, NOT_AN_OBJECT));
    }

    public boolean isEmpty() {
        return byField.isEmpty();
    }

    /** The body was no JSON object: there are no fields to judge. */
    public boolean isNotAnObject() {
        return NOT_AN_OBJECT.equals(byField.get(BODY));
    }
}
