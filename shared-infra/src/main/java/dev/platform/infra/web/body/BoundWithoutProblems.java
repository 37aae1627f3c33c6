package dev.platform.infra.web.body;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@link JsonRequest} is invalid while binding found problems. The problems themselves are answered by
 * {@link BodyErrors}, field by field; this constraint only makes validation fail for a body whose one problem is,
 * say, a field the endpoint does not accept.
 */
@Constraint(validatedBy = BoundWithoutProblems.Validator.class)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface BoundWithoutProblems {

    String message() default "has fields the endpoint does not accept or of the wrong type";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<BoundWithoutProblems, JsonRequest> {
        @Override
        public boolean isValid(JsonRequest request, ConstraintValidatorContext context) {
            return request == null || request.problems().isEmpty();
        }
    }
}
