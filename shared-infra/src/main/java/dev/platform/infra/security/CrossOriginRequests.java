package dev.platform.infra.security;

import dev.platform.api.common.ErrorCode;
import dev.platform.infra.web.ErrorResponses;
import dev.platform.infra.web.Paging;
import dev.platform.infra.web.RequestIds;
import dev.platform.infra.web.StaleReadModel;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CORS on the API's routes for the origins of {@code platform.cors.allowed-origins}, ahead of authentication: a
 * preflight carries no token, so it is answered here (200 with the {@code Access-Control-*} headers) and never
 * reaches the bearer check. An actual request gets {@code Access-Control-Allow-Origin} and the exposed headers also
 * when it then fails (a 401 or 404 stays readable to the page). A foreign origin, method or header is Spring's 403,
 * with the contract's error body instead of Spring's plain text. No credentials mode: the API takes bearer tokens,
 * never cookies.
 */
final class CrossOriginRequests extends OncePerRequestFilter {

    private static final String API = "/api/";

    private static final List<String> REQUEST_HEADERS = List.of(
            HttpHeaders.AUTHORIZATION,
            HttpHeaders.CONTENT_TYPE,
            HttpHeaders.IF_MATCH,
            HttpHeaders.IF_NONE_MATCH,
            "Idempotency-Key",
            RequestIds.HEADER);

    private static final List<String> EXPOSED_HEADERS = List.of(
            Paging.TOTAL_COUNT,
            RequestIds.HEADER,
            HttpHeaders.ETAG,
            HttpHeaders.LOCATION,
            HttpHeaders.LINK,
            HttpHeaders.RETRY_AFTER,
            StaleReadModel.HEADER);

    private final CorsConfiguration configuration = new CorsConfiguration();
    private final Refusals processor;

    CrossOriginRequests(CorsProperties properties, ErrorResponses errors) {
        configuration.setAllowedOrigins(properties.allowedOrigins());
        configuration.setAllowedMethods(List.of(
                HttpMethod.GET.name(), HttpMethod.POST.name(), HttpMethod.PUT.name(), HttpMethod.DELETE.name()));
        configuration.setAllowedHeaders(REQUEST_HEADERS);
        configuration.setExposedHeaders(EXPOSED_HEADERS);
        configuration.setMaxAge(properties.maxAge());
        configuration.setAllowCredentials(false);
        this.processor = new Refusals(errors);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // The firewall in front has refused every URL that is not normalised, so the prefix is the route.
        return !request.getRequestURI().startsWith(API);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // Also on same-origin requests: the processor adds Vary: Origin, so a cache keeps the answers apart.
        boolean allowed = processor.processRequest(configuration, request, response);
        if (allowed && !CorsUtils.isPreFlightRequest(request)) {
            chain.doFilter(request, response);
        }
    }

    /** Spring's CORS checks; a refusal is written as the contract's 403 {@code FORBIDDEN}. */
    private static final class Refusals extends DefaultCorsProcessor {

        private final ErrorResponses errors;

        Refusals(ErrorResponses errors) {
            this.errors = errors;
        }

        @Override
        protected void rejectRequest(ServerHttpResponse response) throws IOException {
            errors.write(
                    ((ServletServerHttpResponse) response).getServletResponse(),
                    ErrorCode.FORBIDDEN,
                    "This cross-origin request is not allowed: its origin, method or headers are not accepted.");
        }
    }
}
