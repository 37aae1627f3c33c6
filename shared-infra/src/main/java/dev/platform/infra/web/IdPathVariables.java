package dev.platform.infra.web;

import dev.platform.api.comment.CommentId;
import dev.platform.api.post.PostId;
import dev.platform.api.subscription.SubscriptionId;
import dev.platform.api.user.UserId;
import java.util.Map;
import java.util.function.Function;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;

/**
 * A path variable of one of the API's id types ({@code @PathVariable PostId id}) parsed straight from the variables
 * Spring MVC's mapping matched, by the type's own {@code of}. Spring MVC's resolver would create a data binder for it
 * and go through the conversion service, whose converter cache compares the parameter's annotations on every look-up
 * (issue 17; 4 to 5 % of a {@code GET /posts/{id}} request thread in a JFR profile, which overstates such shares). What a client sees is the same: a malformed id
 * fails with Spring's {@link MethodArgumentTypeMismatchException} (answered {@code INVALID_ID} by {@link
 * GlobalExceptionHandler}), a variable the pattern lacks with its {@link MissingPathVariableException}. Put in front
 * of Spring MVC's resolvers by {@link LeanHandlerAdapter}.
 */
final class IdPathVariables implements HandlerMethodArgumentResolver {

    private static final Map<Class<?>, Function<String, ?>> PARSERS = Map.of(
            PostId.class, PostId::of,
            UserId.class, UserId::of,
            CommentId.class, CommentId::of,
            SubscriptionId.class, SubscriptionId::of);

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(PathVariable.class)
                && PARSERS.containsKey(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer container,
            NativeWebRequest request,
            WebDataBinderFactory binders)
            throws Exception {
        String name = name(parameter);
        Object variables =
                request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        Object raw = variables instanceof Map<?, ?> map ? map.get(name) : null;
        if (raw == null) {
            throw new MissingPathVariableException(name, parameter);
        }
        try {
            return PARSERS.get(parameter.getParameterType()).apply(raw.toString());
        } catch (IllegalArgumentException e) {
            throw new MethodArgumentTypeMismatchException(raw, parameter.getParameterType(), name, parameter, e);
        }
    }

    private static String name(MethodParameter parameter) {
        PathVariable variable = parameter.getParameterAnnotation(PathVariable.class);
        if (variable != null && !variable.name().isEmpty()) {
            return variable.name();
        }
        if (variable != null && !variable.value().isEmpty()) {
            return variable.value();
        }
        return parameter.getParameterName();
    }
}
