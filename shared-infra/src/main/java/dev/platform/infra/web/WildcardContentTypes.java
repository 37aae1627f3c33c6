package dev.platform.infra.web;

import dev.platform.api.common.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A {@code Content-Type} with a wildcard ({@code * / *}, {@code text/*}) names no type a body can have (RFC 9110
 * 8.3): 415 {@code UNSUPPORTED_MEDIA_TYPE} at once, whatever the method. Spring cannot parse it either, and where
 * no handler matches the request its 404 path failed on it with a 500 (found by the fuzz suite).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class WildcardContentTypes extends OncePerRequestFilter {

    private final ErrorResponses errors;

    WildcardContentTypes(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (contentType != null && isWildcard(contentType)) {
            errors.write(response, ErrorCode.UNSUPPORTED_MEDIA_TYPE, "A Content-Type cannot be a wildcard.");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean isWildcard(String contentType) {
        int parameters = contentType.indexOf(';');
        String mediaType = (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip();
        int slash = mediaType.indexOf('/');
        return mediaType.equals("*")
                || (slash >= 0
                        && (mediaType.substring(0, slash).strip().equals("*")
                                || mediaType.substring(slash + 1).strip().equals("*")));
    }
}
