package dev.platform.infra.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.platform.api.post.PostId;
import dev.platform.api.user.UserId;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.HandlerMapping;

class IdPathVariablesTest {

    @SuppressWarnings("unused")
    void handler(@PathVariable PostId id, @PathVariable("creatorId") UserId creator, @PathVariable String other) {}

    private final IdPathVariables resolver = new IdPathVariables();

    @Test
    void takesPathVariablesOfTheIdTypesOnly() throws Exception {
        assertThat(resolver.supportsParameter(parameter(0))).isTrue();
        assertThat(resolver.supportsParameter(parameter(1))).isTrue();
        assertThat(resolver.supportsParameter(parameter(2))).isFalse();
    }

    @Test
    void parsesTheMatchedVariableByItsNameOrTheParameters() throws Exception {
        UUID post = UUID.randomUUID();
        UUID creator = UUID.randomUUID();
        ServletWebRequest request = request(Map.of("id", post.toString(), "creatorId", creator.toString()));

        assertThat(resolver.resolveArgument(parameter(0), null, request, null)).isEqualTo(new PostId(post));
        assertThat(resolver.resolveArgument(parameter(1), null, request, null)).isEqualTo(new UserId(creator));
    }

    @Test
    void aMalformedIdIsSpringsTypeMismatchAndAMissingOneItsMissingVariable() throws Exception {
        MethodArgumentTypeMismatchException mismatch = catchThrowableOfType(
                MethodArgumentTypeMismatchException.class,
                () -> resolver.resolveArgument(parameter(0), null, request(Map.of("id", "not-a-uuid")), null));
        assertThat(mismatch.getName()).isEqualTo("id");
        assertThat(mismatch.getValue()).isEqualTo("not-a-uuid");
        assertThat(mismatch.getParameter().hasParameterAnnotation(PathVariable.class))
                .isTrue();

        MissingPathVariableException missing = catchThrowableOfType(
                MissingPathVariableException.class,
                () -> resolver.resolveArgument(parameter(1), null, request(Map.of("id", "x")), null));
        assertThat(missing.getVariableName()).isEqualTo("creatorId");
    }

    private MethodParameter parameter(int index) throws NoSuchMethodException {
        MethodParameter parameter = new MethodParameter(
                IdPathVariablesTest.class.getDeclaredMethod("handler", PostId.class, UserId.class, String.class),
                index);
        parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
        return parameter;
    }

    private static ServletWebRequest request(Map<String, String> variables) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/posts/x");
        request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, variables);
        return new ServletWebRequest(request);
    }
}
