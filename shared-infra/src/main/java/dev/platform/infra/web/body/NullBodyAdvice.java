package dev.platform.infra.web.body;

import java.lang.reflect.Type;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * A body that is the JSON literal {@code null}: where the body is optional ({@code /publish}, the notification
 * replay) it is no body at all; where a body is required it is a body that is no JSON object, judged with the
 * record after the caller checks like {@code []} (Spring would answer it as a missing body, before them).
 */
@ControllerAdvice
class NullBodyAdvice extends RequestBodyAdviceAdapter {

    @Override
    public boolean supports(
            MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return targetType instanceof Class<?> type && JsonRequest.class.isAssignableFrom(type);
    }

    @Override
    public Object afterBodyRead(
            Object body,
            HttpInputMessage inputMessage,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        RequestBody annotation = parameter.getParameterAnnotation(RequestBody.class);
        boolean required = annotation == null || annotation.required();
        if (body == null && required) {
            return new RequestRecord((Class<?>) targetType).notAnObject();
        }
        return body;
    }
}
