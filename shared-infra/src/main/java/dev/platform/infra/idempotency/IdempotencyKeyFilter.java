package dev.platform.infra.idempotency;

import dev.platform.api.common.ErrorCode;
import dev.platform.infra.web.ErrorResponses;
import dev.platform.infra.web.PayloadTooLarge;
import dev.platform.infra.web.StaleReadModel;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

// Over 200 lines: a request's whole path through its key (claim, run, keep or replay, release) in one place.
/**
 * {@code Idempotency-Key} on the routes of {@link IdempotentRoute#ALL}: the first request with a key runs and its
 * successful answer is kept; the same request again (same caller, key, route and body) gets that answer back with
 * {@code Idempotent-Replayed: true} and writes nothing. Runs after the security filters (the key belongs to the
 * token's subject) and inside the request-id and body-size filters (the body it reads is limited to 1 MiB, and an
 * error it writes carries the request id). Requests without the header, and other routes, pass untouched.
 */
class IdempotencyKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    // What belongs to an answer and comes back with it; X-Request-Id stays the new request's own.
    private static final List<String> KEPT_HEADERS =
            List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.LOCATION, HttpHeaders.ETAG, StaleReadModel.HEADER);

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyFilter.class);

    private final KeyClaims claims;
    private final IdempotencyKeyTable table;
    private final ErrorResponses errors;

    IdempotencyKeyFilter(KeyClaims claims, IdempotencyKeyTable table, ErrorResponses errors) {
        this.claims = claims;
        this.table = table;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        Optional<IdempotentRoute> route = key == null ? Optional.empty() : IdempotentRoute.of(request);
        if (route.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        if (!VALID_KEY.matcher(key).matches()) {
            errors.write(
                    response,
                    ErrorCode.VALIDATION_FAILED,
                    "The request is invalid.",
                    Map.of(HEADER, "must be 1 to 255 visible ASCII characters"));
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (PayloadTooLarge tooLarge) {
            errors.write(response, ErrorCode.PAYLOAD_TOO_LARGE, PayloadTooLarge.DETAIL);
            return;
        }
        KeyRequest keyed = new KeyRequest(route.get().scope(), key, route.get(), sha256(body));
        KeyClaims.Outcome outcome;
        UUID resourceId = route.get().resourceId(keyed.scope(), keyed.key());
        boolean exists;
        try {
            outcome = claims.claim(keyed);
            exists = outcome instanceof KeyClaims.Held && table.resourceExists(resourceId);
        } catch (DataAccessResourceFailureException unreachable) {
            // Outside Spring MVC, so the exception handler's 503 is written here (else the container answers 500).
            log.error("database unreachable", unreachable);
            errors.write(response, ErrorCode.SERVICE_UNAVAILABLE, "The service is temporarily unavailable.");
            return;
        }
        if (outcome instanceof KeyClaims.Held held) {
            if (exists) {
                resourceExists(keyed, held.token(), resourceId, response);
            } else {
                run(keyed, held.token(), resourceId, new CachedBodyRequest(request, body), response, chain);
            }
        } else if (outcome instanceof KeyClaims.Replay replay) {
            replay(replay.answer(), response);
        } else if (outcome instanceof KeyClaims.Reused) {
            errors.write(
                    response,
                    ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used with another request body or on another route.");
        } else {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            errors.write(
                    response,
                    ErrorCode.IDEMPOTENCY_KEY_IN_PROGRESS,
                    "A request with this Idempotency-Key is still running; send it again later for its answer.");
        }
    }

    /**
     * An earlier attempt created the resource and its answer is gone (its node died before keeping it, or the key
     * expired): running again could only fail on the event store's unique key, so say what happened.
     */
    private void resourceExists(KeyRequest keyed, UUID token, UUID resourceId, HttpServletResponse response)
            throws IOException {
        IdempotentRoute route = keyed.route();
        giveUp(keyed, token);
        if (route.resourcePath() != null) {
            response.setHeader(HttpHeaders.LOCATION, route.resourcePath() + resourceId);
        }
        errors.write(
                response,
                ErrorCode.IDEMPOTENT_RESOURCE_EXISTS,
                "An earlier request with this Idempotency-Key created the " + route.name() + " " + resourceId
                        + ", but its answer is no longer kept.");
    }

    private void run(
            KeyRequest keyed,
            UUID token,
            UUID resourceId,
            HttpServletRequest request,
            HttpServletResponse response,
            FilterChain chain)
            throws ServletException, IOException {
        request.setAttribute(IdempotentIds.ATTRIBUTE, resourceId);
        ContentCachingResponseWrapper capture = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, capture);
        } catch (IOException | ServletException | RuntimeException failed) {
            giveUp(keyed, token);
            throw failed;
        }
        // Only a success is kept: after a 4xx or 5xx the client may correct the request and send it again.
        if (capture.getStatus() >= 200 && capture.getStatus() < 300) {
            keep(keyed, token, answerOf(capture));
        } else {
            giveUp(keyed, token);
        }
        capture.copyBodyToResponse();
    }

    private static StoredAnswer answerOf(ContentCachingResponseWrapper capture) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : KEPT_HEADERS) {
            String value = capture.getHeader(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        return new StoredAnswer(capture.getStatus(), headers, capture.getContentAsByteArray());
    }

    /**
     * A failure to keep the answer (the database away) does not spoil the answer itself: the claim then runs out
     * its lease, and a retry finds the created resource ({@code IDEMPOTENT_RESOURCE_EXISTS}).
     */
    private void keep(KeyRequest keyed, UUID token, StoredAnswer answer) {
        try {
            if (!table.answer(keyed, token, answer)) {
                log.warn(
                        "idempotency key of {} was taken over before its answer was kept",
                        keyed.route().name());
            }
        } catch (DataAccessException e) {
            log.warn("could not keep the answer of an idempotency key: {}", e.toString());
        }
    }

    private void giveUp(KeyRequest keyed, UUID token) {
        try {
            table.release(keyed, token);
        } catch (DataAccessException e) {
            log.warn("could not release an idempotency key (its lease frees it): {}", e.toString());
        }
    }

    private static void replay(StoredAnswer answer, HttpServletResponse response) throws IOException {
        response.setStatus(answer.status());
        answer.headers().forEach(response::setHeader);
        response.setHeader(REPLAYED, "true");
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
