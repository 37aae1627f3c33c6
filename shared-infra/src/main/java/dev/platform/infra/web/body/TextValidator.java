package dev.platform.infra.web.body;

import dev.platform.infra.web.TextRules;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.lang.annotation.Annotation;
import java.util.function.Function;

/**
 * Checks a text field: its characters by {@link TextRules}, then its {@link FieldRule}, and reports the first
 * problem as the field's one message (today's answers name one problem per field). Public for validator
 * factories that instantiate only public classes.
 */
public abstract class TextValidator<A extends Annotation> implements ConstraintValidator<A, String> {

    private final TextRules.Kind kind;
    private final Function<A, Class<? extends FieldRule>> ruleOf;
    private FieldRule rule;

    TextValidator(TextRules.Kind kind, Function<A, Class<? extends FieldRule>> ruleOf) {
        this.kind = kind;
        this.ruleOf = ruleOf;
    }

    @Override
    public void initialize(A annotation) {
        try {
            var constructor = ruleOf.apply(annotation).getDeclaredConstructor();
            constructor.setAccessible(true);
            rule = constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("a field rule needs a no-argument constructor", e);
        }
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        String problem = TextRules.problem(value, kind).orElseGet(() -> rule.problem(value));
        if (problem == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(literal(problem)).addConstraintViolation();
        return false;
    }

    /** The message as a template that interpolates nothing. */
    static String literal(String message) {
        return message.replace("\\", "\\\\")
                .replace("{", "\\{")
                .replace("}", "\\}")
                .replace("$", "\\$");
    }

    public static final class SingleLine extends TextValidator<dev.platform.infra.web.body.SingleLine> {
        public SingleLine() {
            super(TextRules.Kind.SINGLE_LINE, dev.platform.infra.web.body.SingleLine::value);
        }
    }

    public static final class MultiLine extends TextValidator<dev.platform.infra.web.body.MultiLine> {
        public MultiLine() {
            super(TextRules.Kind.MULTI_LINE, dev.platform.infra.web.body.MultiLine::value);
        }
    }

    public static final class Secret extends TextValidator<dev.platform.infra.web.body.Secret> {
        public Secret() {
            super(TextRules.Kind.SECRET, dev.platform.infra.web.body.Secret::value);
        }
    }
}
