package dev.platform.infra.security;

import dev.platform.api.common.ErrorCode;
import dev.platform.infra.web.ErrorResponses;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.web.filter.CorsFilter;

/**
 * Stateless bearer-token security: every endpoint needs a token except register, login, health, the API docs and
 * the one-click unsubscribe link of e-mails (its signed {@code token} parameter stands for the login: see {@link
 * UnsubscribeTokens}).
 * Browser pages of the origins in {@code platform.cors.allowed-origins} may call the API (see {@link
 * CrossOriginRequests}).
 */
@Configuration
@EnableConfigurationProperties({
    JwtProperties.class,
    CorsProperties.class,
    UnsubscribeProperties.class,
    AccountTokenProperties.class
})
public class SecurityConfiguration {

    /** The one-click unsubscribe route of e-mails (RFC 8058): no login, the link's token names the subscription. */
    public static final String UNSUBSCRIBE_LINK = "/api/v1/unsubscribe";

    /** Address verification: no login, the token of the link sent to the address names the account. */
    public static final String VERIFY_EMAIL = "/api/v1/users/verify-email";

    /** Asking for a password reset e-mail: no login (the person has forgotten the password). */
    public static final String PASSWORD_RESET = "/api/v1/users/password-reset";

    /** Setting a new password with the token of a reset e-mail: no login, the token names the account. */
    public static final String PASSWORD_RESET_CONFIRM = "/api/v1/users/password-reset/confirm";

    /**
     * The request matchers of {@link #apiSecurity} match paths with Spring's path patterns directly ({@code
     * PathPatternRequestMatcher}), the same patterns Spring MVC uses, instead of asking Spring MVC which handler
     * would take the request. With them nothing needs {@link SingleHandlerLookup}'s removed cache.
     */
    @Bean
    static PathPatternRequestMatcherBuilderFactoryBean pathPatternRequestMatchers() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    /** See {@link SingleHandlerLookup}. */
    @Bean
    static BeanFactoryPostProcessor singleHandlerLookup() {
        return new SingleHandlerLookup();
    }

    /** Spring Security's default firewall, its header checks without regular expressions ({@link HeaderCharacters}). */
    @Bean
    HttpFirewall httpFirewall() {
        return HeaderCharacters.firewall();
    }

    @Bean
    SecurityFilterChain apiSecurity(
            HttpSecurity http, JwtService jwt, RevokedTokens revoked, ErrorResponses errors, CorsProperties cors)
            throws Exception {
        if (!cors.allowedOrigins().isEmpty()) {
            // Without allowed origins nothing CORS-specific happens: a preflight needs a token like any request.
            http.addFilterAt(new CrossOriginRequests(cors, errors), CorsFilter.class);
        }
        return http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                // Nothing asks the servlet request who is calling (controllers take the AuthenticatedUser): no
                // wrapper of every request for it.
                .servletApi(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.requestMatchers(
                                HttpMethod.POST,
                                "/api/v1/users/register",
                                "/api/v1/users/login",
                                VERIFY_EMAIL,
                                PASSWORD_RESET,
                                PASSWORD_RESET_CONFIRM)
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, UNSUBSCRIBE_LINK)
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, UNSUBSCRIBE_LINK)
                        .permitAll()
                        .requestMatchers(
                                "/error",
                                "/actuator/health",
                                "/actuator/health/**",
                                "/actuator/prometheus",
                                "/v3/api-docs",
                                "/v3/api-docs/**",
                                "/swagger-ui.html",
                                "/swagger-ui/**")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, failure) -> {
                            Object rejection = request.getAttribute(BearerTokenFilter.REJECTION);
                            response.setHeader(
                                    HttpHeaders.WWW_AUTHENTICATE,
                                    rejection == null ? "Bearer" : "Bearer error=\"invalid_token\"");
                            errors.write(
                                    response,
                                    ErrorCode.UNAUTHENTICATED,
                                    rejection == null ? "Authentication is required." : rejection.toString());
                        })
                        .accessDeniedHandler((request, response, denied) ->
                                errors.write(response, ErrorCode.FORBIDDEN, "You are not allowed to do this.")))
                .addFilterBefore(new BearerTokenFilter(jwt, revoked), AnonymousAuthenticationFilter.class)
                .build();
    }

    /**
     * No observation wrappers around the filter chain and the authorizations: their metrics are off anyway
     * ({@code management.observations.enable.spring.security: false}), and the no-op wrappers around each filter of
     * every request still cost about 3 % of a read's CPU ({@code docs/benchmarks.md}, "Issue 17: reads").
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** There are no form or basic logins; this keeps Boot from generating a default user with a logged password. */
    @Bean
    UserDetailsService noFormUsers() {
        return new InMemoryUserDetailsManager();
    }
}
