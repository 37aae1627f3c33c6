package dev.platform.infra.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.constraints.Min;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.validation.beanvalidation.MethodValidationAdapter;
import org.springframework.validation.method.MethodValidator;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.ServletInvocableHandlerMethod;

/** A handler method keeps its method validator exactly when it has something for it to validate. */
class LeanHandlerAdapterTest {

    static class Handlers {
        public String plain(String id) {
            return id;
        }

        public String constrained(@Min(1) int page) {
            return Integer.toString(page);
        }
    }

    @Test
    void onlyAMethodThatValidatesKeepsTheValidator() throws Exception {
        MethodValidator validator = new MethodValidationAdapter();
        Handlers handlers = new Handlers();

        assertThat(validatorOf(handlers, Handlers.class.getMethod("plain", String.class), validator))
                .isNull();
        assertThat(validatorOf(handlers, Handlers.class.getMethod("constrained", int.class), validator))
                .isSameAs(validator);
    }

    private static Object validatorOf(Object bean, Method method, MethodValidator validator) {
        LeanHandlerAdapter adapter = new LeanHandlerAdapter();
        ServletInvocableHandlerMethod invocable = ReflectionTestUtils.invokeMethod(
                adapter, "createInvocableHandlerMethod", new HandlerMethod(bean, method).createWithValidateFlags());
        invocable.setMethodValidator(validator);
        return ReflectionTestUtils.getField(invocable, "methodValidator");
    }
}
