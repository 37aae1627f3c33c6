package dev.platform.infra.web.body;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How {@link JsonRequestDeserializer} takes one field of a request record. Every field of the API's bodies is a
 * JSON string; a number, boolean, array or object is never converted to one (Jackson would turn {@code 5} into
 * {@code "5"}), it is answered with {@link #message()}. A component without this annotation takes the defaults.
 */
@Target(ElementType.RECORD_COMPONENT)
@Retention(RetentionPolicy.RUNTIME)
public @interface JsonString {

    String MUST_BE_A_STRING = "must be a string";

    /** What a JSON {@code null} in this field means. */
    Null nulls() default Null.ABSENT;

    /** The message for a value that is no JSON string, and for a {@code null} that is {@link Null#REFUSED}. */
    String message() default MUST_BE_A_STRING;

    enum Null {
        /** As if the field were not in the body. */
        ABSENT,
        /** Answered with {@link #message()}, like a value of the wrong type. */
        REFUSED,
        /** The empty string (a {@code null} bio clears it as {@code ""} does). */
        EMPTY
    }
}
