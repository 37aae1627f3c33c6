package dev.platform.infra.web;

import dev.platform.api.common.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * The contract's error body for requests Spring Security's firewall refuses before any controller: a method the
 * API does not have ({@code TRACE}, {@code CONNECT}, ...) is 405 with {@code Allow}; a URL with a path parameter
 * ({@code ;}), an encoded percent or dot segment, or a double slash is 400 naming the path.
 */
@Component
class RejectedRequests implements RequestRejectedHandler {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH");

    private final ErrorResponses errors;

    RejectedRequests(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        if (!METHODS.contains(request.getMethod())) {
            response.setHeader(
                    HttpHeaders.ALLOW,
                    String.join(", ", METHODS.stream().sorted().toList()));
            errors.write(
                    response, ErrorCode.METHOD_NOT_ALLOWED, "The method " + request.getMethod() + " is not supported.");
            return;
        }
        errors.write(
                response,
                ErrorCode.VALIDATION_FAILED,
                "The request URL is not accepted.",
                Map.of(
                        "path",
                        "must not contain path parameters, encoded percent signs, slashes or dots,"
                                + " or empty segments"));
    }
}
