package dev.platform.infra.web.body;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.RecordComponent;

/**
 * An update must change something: at least one field of the {@link JsonRequest} record is given. Named under
 * {@code body}, and only for a body without problems: a body with an unknown or mistyped field is answered with
 * that field alone, and a field with a bad value is a given field.
 */
@Constraint(validatedBy = ChangesSomething.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ChangesSomething {

    /** For example {@code must change at least one of title, content, status}. */
    String message();

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ChangesSomething, JsonRequest> {
        @Override
        public boolean isValid(JsonRequest request, ConstraintValidatorContext context) {
            if (request == null || !request.problems().isEmpty()) {
                return true;
            }
            for (RecordComponent field : new RequestRecord(request.getClass()).fields()) {
                try {
                    if (field.getAccessor().invoke(request) != null) {
                        return true;
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return false;
        }
    }
}
