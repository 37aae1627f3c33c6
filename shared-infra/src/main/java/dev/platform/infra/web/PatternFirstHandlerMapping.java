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
 * only then the patterns): 11 to 22 % of a {@code GET /posts/{id}} request thread (issue 17). The test here is the
 * one Spring MVC makes last ({@link PathPatternsRequestCondition} matches each pattern against the request's parsed
 * path within the application, exactly so), made first: only mappings that would fail on their patterns are left
 * out, so which mapping wins, and every answer (404, 405, 406, 415), is still Spring MVC's own. A look-up from
 * anywhere else (not through {@code getHandler}) takes every condition in Spring's order. Registered by {@link
 * MvcRegistrations}.
 */
public class PatternFirstHandlerMapping extends RequestMappingHandlerMapping {

    /**
     * The parsed path of this thread's look-up. A thread-local rather than a request attribute: {@link
     * #getMatchingMapping} reads it once per mapping, and a request attribute is read through every wrapper of the
     * request (three past the security chain: 4 % of a read's request thread).
     */
    private static final ThreadLocal<PathContainer> LOOKUP_PATH = new ThreadLocal<>();

    /** Each mapping's path patterns; none (an empty array) for a mapping without them, which is never left out. */
    private final Map<RequestMappingInfo, PathPattern[]> patterns = new ConcurrentHashMap<>();

    @Override
    protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
        PathContainer outer = LOOKUP_PATH.get();
        LOOKUP_PATH.set(
                ServletRequestPathUtils.hasParsedRequestPath(request)
                        ? ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication()
                        : null);
        try {
            return super.lookupHandlerMethod(lookupPath, request);
        } finally {
            if (outer == null) {
                LOOKUP_PATH.remove();
            } else {
                LOOKUP_PATH.set(outer);
            }
        }
    }

    @Override
    protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
        PathContainer path = LOOKUP_PATH.get();
        if (path != null && !mayMatch(info, path)) {
            return null;
        }
        return super.getMatchingMapping(info, request);
    }

    private boolean mayMatch(RequestMappingInfo info, PathContainer path) {
        PathPattern[] own = patterns.computeIfAbsent(info, PatternFirstHandlerMapping::patternsOf);
        if (own.length == 0) {
            return true;
        }
        for (PathPattern pattern : own) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }

    private static PathPattern[] patternsOf(RequestMappingInfo info) {
        PathPatternsRequestCondition condition = info.getPathPatternsCondition();
        return condition == null ? new PathPattern[0] : condition.getPatterns().toArray(PathPattern[]::new);
    }
}
