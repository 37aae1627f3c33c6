package dev.platform.infra.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.platform.api.common.DomainException;
import dev.platform.api.common.ErrorCode;
import dev.platform.infra.web.body.BodyErrors;
import dev.platform.infra.web.body.RejectedBody;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** The one place where exceptions become the contract's error body. */
@RestControllerAdvice
class GlobalExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GlobalExceptionHandler.class);

    private final ObjectMapper webMapper;

    GlobalExceptionHandler(ObjectMapper webMapper) {
        this.webMapper = webMapper;
    }

    /** A broken rule, decided by the domain or at the HTTP boundary (bad input, not allowed, not found). */
    @ExceptionHandler(DomainException.class)
    ResponseEntity<ApiError> domainRule(DomainException e) {
        return answer(e.code(), e.getMessage(), e.fieldErrors());
    }

    /** 429 {@code RATE_LIMITED} and 503 from a full bulkhead: the error body and {@code Retry-After}. */
    @ExceptionHandler(RetryLater.class)
    ResponseEntity<ApiError> retryLater(RetryLater e) {
        ResponseEntity<ApiError> answer = domainRule(e);
        return ResponseEntity.status(answer.getStatusCode())
                .headers(answer.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(answer.getBody());
    }

    /** A request body that failed Bean Validation: every field's first message, by its JSON name. */
    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ApiError> invalidBody(MethodArgumentNotValidException e) {
        return domainRule(FieldErrors.failure(BodyErrors.of(e.getBindingResult(), webMapper)));
    }

    @ExceptionHandler(RejectedBody.class)
    ResponseEntity<ApiError> rejectedBody(RejectedBody e) {
        return domainRule(FieldErrors.failure(BodyErrors.of(e.result(), webMapper)));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLarge) {
                return answer(ErrorCode.PAYLOAD_TOO_LARGE, PayloadTooLarge.DETAIL, Map.of());
            }
            if (cause instanceof UnrecognizedPropertyException unknown) {
                return answer(
                        ErrorCode.VALIDATION_FAILED,
                        "The request is invalid.",
                        Map.of(path(unknown), "is not accepted by this endpoint"));
            }
            if (cause instanceof JsonMappingException mapping
                    && !mapping.getPath().isEmpty()) {
                return answer(
                        ErrorCode.VALIDATION_FAILED,
                        "The request is invalid.",
                        Map.of(path(mapping), "has the wrong type"));
            }
            if (cause instanceof JsonProcessingException) {
                break;
            }
        }
        String detail = e.getCause() == null ? "A JSON body is required." : "The request body is not valid JSON.";
        return answer(ErrorCode.MALFORMED_JSON, detail, Map.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return answer(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "The request body must be application/json.", Map.of());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        // The body is JSON whatever the Accept header said: the error must still be readable.
        return answer(ErrorCode.NOT_ACCEPTABLE, "This endpoint answers application/json only.", Map.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        ResponseEntity<ApiError> answer =
                answer(ErrorCode.METHOD_NOT_ALLOWED, "Method " + e.getMethod() + " is not allowed here.", Map.of());
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(answer.getHeaders());
        if (e.getSupportedHttpMethods() != null) {
            headers.setAllow(e.getSupportedHttpMethods());
        }
        return new ResponseEntity<>(answer.getBody(), headers, answer.getStatusCode());
    }

    @ExceptionHandler({NoHandlerFoundException.class, NoResourceFoundException.class})
    ResponseEntity<ApiError> noRoute(Exception e) {
        return answer(ErrorCode.NOT_FOUND, "No such resource.", Map.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
        if (e.getParameter().hasParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class)) {
            return domainRule(Refusals.invalidId(e.getName()));
        }
        return domainRule(FieldErrors.failure(e.getName(), "has an invalid value"));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
        return domainRule(FieldErrors.failure(e.getParameterName(), "is required"));
    }

    @ExceptionHandler(MissingPathVariableException.class)
    ResponseEntity<ApiError> missingPathVariable(MissingPathVariableException e) {
        return answer(ErrorCode.NOT_FOUND, "No such resource.", Map.of());
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ApiError> aggregateNotFound(AggregateNotFoundException e) {
        return answer(ErrorCode.NOT_FOUND, "No such resource.", Map.of());
    }

    /** Another writer appended to the same aggregate first (or created it first): 409, the client may retry. */
    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    ResponseEntity<ApiError> concurrentModification(Exception e) {
        return answer(
                ErrorCode.CONCURRENT_MODIFICATION,
                "Someone else changed this resource at the same moment; read it again and retry.",
                Map.of());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ApiError> accessDenied(AccessDeniedException e) {
        return answer(ErrorCode.FORBIDDEN, "You are not allowed to do this.", Map.of());
    }

    @ExceptionHandler(DataAccessResourceFailureException.class)
    ResponseEntity<ApiError> databaseUnreachable(Exception e) {
        log.error("database unreachable", e);
        return answer(ErrorCode.SERVICE_UNAVAILABLE, "The service is temporarily unavailable.", Map.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> bug(Exception e) {
        // Axon and the transaction manager wrap a dead connection in exceptions of their own.
        if (DatabaseFailures.unreachable(e)) {
            return databaseUnreachable(e);
        }
        log.error("unhandled error", e);
        return answer(
                ErrorCode.INTERNAL_ERROR, "Internal error; quote the correlation id when reporting it.", Map.of());
    }

    static ResponseEntity<ApiError> answer(ErrorCode code, String detail, Map<String, String> fieldErrors) {
        return ResponseEntity.status(HttpStatus.valueOf(code.status()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(ErrorResponses.body(code, detail, fieldErrors));
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
