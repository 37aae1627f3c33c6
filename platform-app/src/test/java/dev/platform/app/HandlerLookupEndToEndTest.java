package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.infra.web.LeanHandlerAdapter;
import dev.platform.infra.web.PatternFirstHandlerMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.EmbeddedValueResolver;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's handler look-up with {@link PatternFirstHandlerMapping} chooses what Spring MVC's own mapping
 * chooses: for a request made from every pattern of the application (each variable filled in), its percent-encoded
 * twin, a method the mapping does not take, an unknown path under it, a matrix parameter, the pattern without its
 * last segment (all a {@code /**} or {@code {*rest}} pattern needs) and a media type nothing produces, both mappings,
 * built over the same controllers, give the same handler method or fail the same way. The shipped adapter puts the id
 * resolver first. Over HTTP, a patterned route and its encoded spelling answer alike, and a wrong method on a
 * patterned route is still a 405.
 */
class HandlerLookupEndToEndTest extends EndToEndTest {

    private static final Pattern VARIABLE = Pattern.compile("\\{\\*?[^}]*}|\\*\\*|\\*");
    private static final String JSON = "application/json";
    private static final String ID = "00000000-0000-0000-0000-0000000000c1";

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping shipped;

    @Autowired
    RequestMappingHandlerAdapter adapter;

    private RequestMappingHandlerMapping plain;

    @BeforeEach
    void springsOwnMappingOverTheSameControllers() {
        plain = new RequestMappingHandlerMapping();
        plain.setApplicationContext(context);
        plain.setEmbeddedValueResolver(new EmbeddedValueResolver(context.getBeanFactory()));
        plain.setContentNegotiationManager(shipped.getContentNegotiationManager());
        plain.setPatternParser(shipped.getPatternParser());
        plain.afterPropertiesSet();
    }

    @Test
    void theShippedMappingAndAdapterAreOurs() {
        assertThat(shipped).isInstanceOf(PatternFirstHandlerMapping.class);
        assertThat(adapter).isInstanceOf(LeanHandlerAdapter.class);
        assertThat(adapter.getArgumentResolvers().get(0).getClass().getSimpleName())
                .isEqualTo("IdPathVariables");
        assertThat(plain.getHandlerMethods().keySet().size())
                .isEqualTo(shipped.getHandlerMethods().size())
                .isGreaterThan(40);
    }

    @Test
    void everyRouteOfTheApplicationFindsWhatSpringMvcFinds() throws Exception {
        List<String> compared = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                shipped.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            String method =
                    methods.isEmpty() ? "GET" : methods.iterator().next().name();
            String other = methods.contains(RequestMethod.PATCH) ? "PUT" : "PATCH";
            for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
                String path = filledIn(pattern.getPatternString());
                for (String[] request : List.of(
                        new String[] {method, path, JSON},
                        new String[] {method, encodedFirstLetter(path), JSON},
                        new String[] {other, path, JSON},
                        new String[] {method, path + "/unknown-part", JSON},
                        new String[] {method, path + ";v=1", JSON},
                        new String[] {method, filledIn(withoutLastSegment(pattern.getPatternString())), JSON},
                        new String[] {method, path, "image/png"})) {
                    assertThat(lookUp(shipped, request[0], request[1], request[2]))
                            .as("%s %s, Accept %s (mapping %s)", request[0], request[1], request[2], info)
                            .isEqualTo(lookUp(plain, request[0], request[1], request[2]));
                    compared.add(request[0] + " " + request[1] + " " + request[2]);
                }
            }
        }
        assertThat(compared).hasSizeGreaterThan(200);
    }

    @Test
    void aPatternedRouteAnswersAlikeUnderItsEncodedSpellingAndRefusesAWrongMethod() {
        Api.TestUser creator = api.newUser("creator");
        String postId = api.newPost(creator, "Looked up", "Found by its pattern.");

        assertThat(api.get("/api/v1/posts/" + postId, creator.token()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/po%73ts/" + postId, creator.token()).status())
                .isEqualTo(200);
        Api.Response wrongMethod = api.request("PUT", "/api/v1/posts/" + postId + "/publish")
                .token(creator.token())
                .json("{}")
                .send();
        assertThat(wrongMethod.status()).as(wrongMethod.toString()).isEqualTo(405);
        assertThat(wrongMethod.code()).isEqualTo("METHOD_NOT_ALLOWED");
    }

    /** The handler method chosen, or the kind of failure ("no handler", or the exception's class). */
    private static String lookUp(RequestMappingHandlerMapping mapping, String method, String path, String accept) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.addHeader("Accept", accept);
        ServletRequestPathUtils.parseAndCache(request);
        try {
            HandlerExecutionChain chain = mapping.getHandler(request);
            return chain == null ? "no handler" : chain.getHandler().toString();
        } catch (Exception e) {
            return e.getClass().getName();
        }
    }

    private static String filledIn(String pattern) {
        Matcher m = VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            String token = m.group();
            m.appendReplacement(path, token.startsWith("{*") || token.equals("**") ? "a/b" : ID);
        }
        m.appendTail(path);
        return path.toString();
    }

    /** {@code /a/b} of {@code /a/b/{*rest}}: the path such a pattern (or {@code /a/b/**}) matches with nothing more. */
    private static String withoutLastSegment(String path) {
        int last = path.lastIndexOf('/');
        return last > 0 ? path.substring(0, last) : path;
    }

    /** The path with its first letter percent-encoded ({@code /api} becomes {@code /%61pi}). */
    private static String encodedFirstLetter(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c >= 'a' && c <= 'z') {
                return path.substring(0, i) + String.format("%%%02X", (int) c) + path.substring(i + 1);
            }
        }
        return path;
    }
}
