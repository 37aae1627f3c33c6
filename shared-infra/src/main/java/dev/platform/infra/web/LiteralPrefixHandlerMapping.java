package dev.platform.infra.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's handler mapping with one cheap test in front of each mapping's conditions: a mapping is only
 * matched against a request whose path starts with the literal beginning of one of its patterns (the part before
 * the first variable or wildcard: {@code /api/v1/posts/} of {@code /api/v1/posts/{id}}).
 *
 * <p>Spring MVC finds a path without variables in a map, but a path such as {@code /api/v1/posts/{id}} is matched
 * against every mapping of the application in turn, each time with all of its conditions (method, parameters,
 * headers, media types, then the pattern): 11 % of a {@code GET /posts/{id}} request thread (issue 17). The test
 * only leaves out mappings whose patterns cannot match; which mapping wins, and every answer (404, 405, 406, 415),
 * is still Spring MVC's own, since a mapping left out here would have failed on its pattern. A path with a
 * percent-encoded character skips the test ({@link #lookupHandlerMethod}); a look-up from anywhere else (not through
 * {@code getHandler}) too.
 */
public class LiteralPrefixHandlerMapping extends RequestMappingHandlerMapping {

    private static final String[] ANY_PATH = {""};

    /** The request attribute that holds the look-up path while a look-up may use the shortcut. */
    private static final String LOOKUP_PATH = LiteralPrefixHandlerMapping.class.getName() + ".lookupPath";

    private final Map<RequestMappingInfo, String[]> prefixes = new ConcurrentHashMap<>();

    /**
     * Decides once per look-up whether the shortcut applies: Spring MVC matches patterns against the path's decoded
     * segments, so a path with a percent-encoded character goes through every mapping as before. The look-up path
     * comes without {@code ;} parameters, as Spring MVC matches it.
     */
    @Override
    protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
        boolean literal = lookupPath.indexOf('%') < 0;
        if (literal) {
            request.setAttribute(LOOKUP_PATH, lookupPath);
        }
        try {
            return super.lookupHandlerMethod(lookupPath, request);
        } finally {
            if (literal) {
                request.removeAttribute(LOOKUP_PATH);
            }
        }
    }

    @Override
    protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
        if (request.getAttribute(LOOKUP_PATH) instanceof String path && !startsWithAPrefix(info, path)) {
            return null;
        }
        return super.getMatchingMapping(info, request);
    }

    private boolean startsWithAPrefix(RequestMappingInfo info, String path) {
        for (String prefix : prefixes.computeIfAbsent(info, LiteralPrefixHandlerMapping::literalPrefixes)) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The literal beginning of each of the mapping's patterns; a mapping without path patterns may match any path. */
    static String[] literalPrefixes(RequestMappingInfo info) {
        PathPatternsRequestCondition condition = info.getPathPatternsCondition();
        if (condition == null || condition.getPatterns().isEmpty()) {
            return ANY_PATH;
        }
        return condition.getPatterns().stream()
                .map(PathPattern::getPatternString)
                .map(LiteralPrefixHandlerMapping::literalPrefix)
                .toArray(String[]::new);
    }

    /** {@code /api/v1/posts/} of {@code /api/v1/posts/{id}}, the whole pattern when it has no variable or wildcard. */
    static String literalPrefix(String pattern) {
        int end = pattern.length();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '{' || c == '*' || c == '?' || c == '\\') {
                end = i;
                break;
            }
        }
        return pattern.substring(0, end);
    }

    /** Puts this mapping in the place of Spring MVC's own (Spring Boot asks for it through this bean). */
    @Configuration
    static class Registration {

        @Bean
        WebMvcRegistrations literalPrefixHandlerMapping() {
            return new WebMvcRegistrations() {
                @Override
                public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                    return new LiteralPrefixHandlerMapping();
                }
            };
        }
    }
}
