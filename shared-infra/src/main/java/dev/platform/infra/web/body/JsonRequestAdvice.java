package dev.platform.infra.web.body;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validator;
import java.lang.reflect.Type;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The request records of the handlers, around Spring's reading of a body:
 *
 * <ul>
 *   <li>A body that is the JSON literal {@code null}: where the body is optional ({@code /publish}, the
 *       notification replay) it is no body at all; where a body is required it is a body that is no JSON object,
 *       judged with the record after the caller checks like {@code []} (Spring would answer it as a missing body,
 *       before them).
 *   <li>At start, each record's deserializer and Bean Validation metadata are built, as the first request of each
 *       kind would otherwise do (half a second on a busy machine, inside a client's request and its rate budget).
 * </ul>
 */
@ControllerAdvice
class JsonRequestAdvice extends RequestBodyAdviceAdapter implements SmartInitializingSingleton {

    private final ListableBeanFactory beans;
    private final ObjectMapper mapper;
    private final Validator validator;

    JsonRequestAdvice(ListableBeanFactory beans, ObjectMapper mapper, Validator validator) {
        this.beans = beans;
        this.mapper = mapper;
        this.validator = validator;
    }

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

    @Override
    public void afterSingletonsInstantiated() {
        for (RequestMappingHandlerMapping mapping :
                beans.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (HandlerMethod handler : mapping.getHandlerMethods().values()) {
                for (MethodParameter parameter : handler.getMethodParameters()) {
                    Class<?> type = parameter.getParameterType();
                    if (parameter.hasParameterAnnotation(RequestBody.class)
                            && JsonRequest.class.isAssignableFrom(type)) {
                        mapper.readerFor(type);
                        validator.validate(new RequestRecord(type).notAnObject());
                    }
                }
            }
        }
    }
}
