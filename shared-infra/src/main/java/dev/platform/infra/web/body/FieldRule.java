package dev.platform.infra.web.body;

/**
 * A field's own rule (length, format), checked by {@link SingleLine}, {@link MultiLine} or {@link Secret} once the
 * characters passed {@link dev.platform.infra.web.TextRules}. Implementations live with their feature (the
 * {@code *Rules} classes) and need a no-argument constructor.
 */
@FunctionalInterface
public interface FieldRule {

    /** The message for a value this rule refuses, or {@code null} when the value is fine; never given null. */
    String problem(String value);
}
