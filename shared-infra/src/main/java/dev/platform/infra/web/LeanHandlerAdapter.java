package dev.platform.infra.web;

import java.util.ArrayList;
import java.util.List;
import org.springframework.validation.method.MethodValidator;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.ServletInvocableHandlerMethod;

/**
 * Spring MVC's handler adapter, which gives a handler method its method validator only when the method has something
 * for it to validate. Spring MVC hands the validator to every invocation, and taking it looks the method's and its
 * class's validation groups up ({@code HandlerMethodValidator.determineValidationGroups}, an annotation search on
 * every request: 2.5 to 5 % of a read's request thread in a JFR profile, issue 17), although the validator is used only when the
 * method validates its arguments or its return value ({@link HandlerMethod#shouldValidateArguments}, {@link
 * HandlerMethod#shouldValidateReturnValue}): for every other method this changes nothing but the search. A request
 * body marked {@code @Valid} is validated by its argument resolver, as before. Path variables of the API's id types
 * are resolved by {@link IdPathVariables}, in front of Spring MVC's resolvers. Registered by {@link
 * MvcRegistrations}.
 */
public class LeanHandlerAdapter extends RequestMappingHandlerAdapter {

    /** Spring MVC's argument resolvers with {@link IdPathVariables} in front. */
    @Override
    public void afterPropertiesSet() {
        super.afterPropertiesSet();
        List<HandlerMethodArgumentResolver> resolvers = new ArrayList<>();
        resolvers.add(new IdPathVariables());
        resolvers.addAll(getArgumentResolvers());
        setArgumentResolvers(resolvers);
    }

    @Override
    protected ServletInvocableHandlerMethod createInvocableHandlerMethod(HandlerMethod handlerMethod) {
        return new ServletInvocableHandlerMethod(handlerMethod) {
            @Override
            public void setMethodValidator(MethodValidator methodValidator) {
                super.setMethodValidator(
                        shouldValidateArguments() || shouldValidateReturnValue() ? methodValidator : null);
            }
        };
    }
}
