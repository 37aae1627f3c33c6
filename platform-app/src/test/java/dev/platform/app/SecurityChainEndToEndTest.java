package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.app.Api.TestUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The security chain runs without Spring MVC's handler look-up in front of it ({@code SingleHandlerLookup}): the
 * registered chain is Spring Security's own proxy (with the path parsing Spring Security itself puts in front), not
 * {@code WebMvcSecurityConfiguration}'s composite with the look-up cache, and the routes it
 * lets through without a token are still exactly those (a health check and the login pass, a post needs a token).
 */
class SecurityChainEndToEndTest extends EndToEndTest {

    @Autowired
    ApplicationContext context;

    @Test
    void theChainIsSpringSecuritysOwnProxy() {
        Object chain = context.getBean("springSecurityFilterChain");

        // Spring Security's own wrapping (WebSecurityConfiguration: the request's path parsed once, then the chain)
        // stays; the one of WebMvcSecurityConfiguration, with the handler look-up cache in front, is gone.
        assertThat(chain).isInstanceOf(FilterChainProxy.class);
        assertThat(chain.getClass().getName())
                .isIn(
                        FilterChainProxy.class.getName(),
                        "org.springframework.security.config.annotation.web.configuration"
                                + ".WebSecurityConfiguration$CompositeFilterChainProxy");
        assertThat(((FilterChainProxy) chain).getFilterChains())
                .singleElement()
                .extracting(SecurityFilterChain::getFilters)
                .asList()
                .isNotEmpty();
    }

    @Test
    void theOpenRoutesAreStillOpenAndTheOthersStillClosed() {
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
        assertThat(api.get("/v3/api-docs", null).status()).isEqualTo(200);
        TestUser reader = api.newUser("reader");
        assertThat(api.get("/api/v1/users/" + reader.id(), null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/users/" + reader.id(), reader.token()).status())
                .isEqualTo(200);
        assertThat(api.login(reader.email(), reader.password())).isNotBlank();
    }
}
