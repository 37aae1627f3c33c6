package dev.platform.infra.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.server.PathContainer;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's handler mapping with its path patterns tested first: a mapping is only matched, with all its
 * conditions, against a request whose path one of its patterns matches.
 *
 * <p>Spring MVC finds a path without variables in a map, but a path such as {@code /api/v1/posts/{id}} is matched
 * against every mapping of the application in turn, each time with all of its conditions in Spring's order (method,
 * parameters, headers, consumed and produced media types, the last of which parses the {@code Accept} header, and
 * only then the patterns; issue 17). The test here is the
 * one Spring MVC makes last ({@link PathPatternsRequestCondition} matches each pattern against the request's parsed
 * path within the application, exactly so), made first: only mappings that would fail on their patterns are left
 * out, so which mapping wins, and every answer (404, 405, 406, 415), is still Spring MVC's own. A look-up from
 * anywhere else (not through {@code getHandler}) takes every condition in Spring's order. Registered by {@link
 * MvcRegistrations}.
 */
public class PatternFirstHandlerMapping extends RequestMappingHandlerMapping {

    /**
     * This thread's look-up. A thread-local rather than a request attribute: {@link #getMatchingMapping} reads it once
     * per mapping, and a request attribute is read through every wrapper of the request (three past the security
     * chain).
     */
    private static final ThreadLocal<Lookup> LOOKUP = new ThreadLocal<>();

    /** Each mapping's path patterns with their literal beginnings; none for a mapping without patterns. */
    private final Map<RequestMappingInfo, Patterns> patterns = new ConcurrentHashMap<>();

    /**
     * The path a look-up matches: Spring's parsed path within the application, and the look-up path when it has no
     * percent-encoded character (a literal beginning can then be compared with it as it is; Spring MVC matches
     * decoded segments).
     */
    private record Lookup(PathContainer path, String literal) {}

    /**
     * A mapping's patterns and the literal beginning of each ({@code /api/v1/posts} of {@code /api/v1/posts/{id}}):
     * a path that starts with none of them matches none of the patterns, which a string comparison tells sooner
     * than {@link PathPattern#matches}.
     */
    private record Patterns(PathPattern[] patterns, String[] prefixes) {

        static final Patterns NONE = new Patterns(new PathPattern[0], new String[0]);

        static Patterns of(RequestMappingInfo info) {
            PathPatternsRequestCondition condition = info.getPathPatternsCondition();
            if (condition == null || condition.getPatterns().isEmpty()) {
                return NONE;
            }
            PathPattern[] patterns = condition.getPatterns().toArray(PathPattern[]::new);
            String[] prefixes = new String[patterns.length];
            for (int i = 0; i < patterns.length; i++) {
                prefixes[i] = literalPrefix(patterns[i].getPatternString());
            }
            return new Patterns(patterns, prefixes);
        }

        boolean mayMatch(Lookup lookup) {
            if (patterns.length == 0) {
                return true;
            }
            for (int i = 0; i < patterns.length; i++) {
                if ((lookup.literal() == null || lookup.literal().startsWith(prefixes[i]))
                        && (lookup.path() == null || patterns[i].matches(lookup.path()))) {
                    return true;
                }
            }
            return false;
        }
    }

    @Override
    protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
        Lookup outer = LOOKUP.get();
        LOOKUP.set(new Lookup(
                ServletRequestPathUtils.hasParsedRequestPath(request)
                        ? ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication()
                        : null,
                lookupPath.indexOf('%') < 0 ? lookupPath : null));
        try {
            return super.lookupHandlerMethod(lookupPath, request);
        } finally {
            if (outer == null) {
                LOOKUP.remove();
            } else {
                LOOKUP.set(outer);
            }
        }
    }

    @Override
    protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
        Lookup lookup = LOOKUP.get();
        if (lookup != null && !patterns.computeIfAbsent(info, Patterns::of).mayMatch(lookup)) {
            return null;
        }
        return super.getMatchingMapping(info, request);
    }

    /**
     * The whole segments before the first variable or wildcard ({@code /api/v1/posts} of {@code /api/v1/posts/{id}}),
     * without the separator that follows them: {@code /docs/**} and {@code /docs/{*rest}} also match {@code /docs}. The
     * whole pattern when it has no variable or wildcard.
     */
    static String literalPrefix(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '{' || c == '*' || c == '?' || c == '\\') {
                return pattern.substring(0, Math.max(0, pattern.lastIndexOf('/', i - 1)));
            }
        }
        return pattern;
    }
}
