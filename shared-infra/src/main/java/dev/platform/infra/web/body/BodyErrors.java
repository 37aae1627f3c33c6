package dev.platform.infra.web.body;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Turns a rejected request body into the contract's {@code field_errors}: one message per field under its JSON
 * (snake_case) name. The binding problems come first: a field that was of the wrong type is also missing from the
 * record, and "must be a string" tells more than "is required". Each field has at most one constraint that can
 * fail for a given value ({@link Required} for null, one text constraint otherwise), so the answer does not depend
 * on the order in which Bean Validation reports. A class-level rule ({@link ChangesSomething}) is named
 * {@code body}; a body that is no JSON object is named {@code body} alone.
 */
public final class BodyErrors {

    private BodyErrors() {}

    public static Map<String, String> of(BindingResult result, ObjectMapper mapper) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (result.getTarget() instanceof JsonRequest request) {
            if (request.problems().isNotAnObject()) {
                return request.problems().byField();
            }
            request.problems().byField().forEach(errors::putIfAbsent);
        }
        Map<String, String> jsonNames = jsonNames(result.getTarget(), mapper);
        for (FieldError error : result.getFieldErrors()) {
            errors.putIfAbsent(jsonNames.getOrDefault(error.getField(), error.getField()), error.getDefaultMessage());
        }
        for (ObjectError error : result.getGlobalErrors()) {
            if (!BoundWithoutProblems.class.getSimpleName().equals(error.getCode())) {
                errors.putIfAbsent(BindingProblems.BODY, error.getDefaultMessage());
            }
        }
        return errors;
    }

    private static Map<String, String> jsonNames(Object target, ObjectMapper mapper) {
        Map<String, String> names = new HashMap<>();
        if (target != null) {
            BeanDescription description =
                    mapper.getDeserializationConfig().introspect(mapper.constructType(target.getClass()));
            for (BeanPropertyDefinition property : description.findProperties()) {
                names.put(property.getInternalName(), property.getName());
            }
        }
        return names;
    }
}
