package dev.platform.infra.idempotency;

import dev.platform.infra.security.AuthenticatedUser;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.server.PathContainer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * A creating {@code POST} that honours {@code Idempotency-Key}.
 *
 * @param name the kind of resource it creates; part of the derived id, stored with the key
 * @param pattern the route
 * @param perCaller whether keys are the caller's own (the token's subject); else one namespace for everyone
 * @param resourcePath where a created resource lives, its id appended ({@code Location}); null when it has no URL
 */
record IdempotentRoute(String name, PathPattern pattern, boolean perCaller, String resourcePath) {

    /**
     * The one list of idempotent routes. A new create joins by a line here and by taking its id from {@link
     * IdempotentIds#newResourceId()}.
     *
     * <p>Registration has no caller yet, so its keys share one namespace: a key is a random value the client makes
     * up (a UUID), so two clients meet on one only by copying it; the one who does gets a 422 (another body) or the
     * answer to the very body it sent itself (the same e-mail, username and password), which tells it nothing new.
     * The client address is no part of the scope: a mobile client retrying from another network must meet its first
     * attempt.
     */
    static final List<IdempotentRoute> ALL = List.of(
            route("post", "/api/v1/posts", true, "/api/v1/posts/"),
            route("comment", "/api/v1/posts/{post_id}/comments", true, null),
            route("user", "/api/v1/users/register", false, "/api/v1/users/"));

    private static IdempotentRoute route(String name, String pattern, boolean perCaller, String resourcePath) {
        return new IdempotentRoute(name, PathPatternParser.defaultInstance.parse(pattern), perCaller, resourcePath);
    }

    /** The idempotent route this request is on, if any (every one is a POST). */
    static Optional<IdempotentRoute> of(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return Optional.empty();
        }
        PathContainer path = PathContainer.parsePath(
                request.getRequestURI().substring(request.getContextPath().length()));
        return ALL.stream().filter(route -> route.pattern.matches(path)).findFirst();
    }

    /** Whose keys these are: the authenticated caller on a per-caller route, else everyone's. */
    String scope() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (perCaller && authentication != null && authentication.getPrincipal() instanceof AuthenticatedUser user) {
            return "user:" + user.id();
        }
        return "anyone";
    }

    /**
     * The id of the resource that this key creates on this route: a name-based UUID of (route, scope, key), so every
     * attempt with one key creates the same aggregate and the event store's unique (aggregate, sequence) key lets
     * only one of them succeed. Keys are visible ASCII, so the line breaks keep the parts apart.
     */
    UUID resourceId(String scope, String key) {
        return UUID.nameUUIDFromBytes(
                ("idempotency-key\n" + name + "\n" + scope + "\n" + key).getBytes(StandardCharsets.UTF_8));
    }
}
