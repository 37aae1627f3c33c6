package dev.platform.infra.web.body;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One line of text ({@link dev.platform.infra.web.TextRules.Kind#SINGLE_LINE}: title, username, e-mail), then the
 * fields own {@link #value() rule}. One message per field: the first character problem, else the rule's. {@code null} is valid
 * (absence is {@link Required}'s).
 */
@Constraint(validatedBy = TextValidator.SingleLine.class)
@Target({ElementType.FIELD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface SingleLine {

    /** The field's own rule, checked once the characters are clean. */
    Class<? extends FieldRule> value();

    /** Unused: the message is the problem found. */
    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
