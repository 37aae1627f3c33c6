package dev.platform.infra.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Times every request as {@code http_server_requests_seconds}, with the tags Spring Boot's observation gives it
 * ({@code error}, {@code exception}, {@code method}, {@code outcome}, {@code status}, {@code uri}, by the same
 * rules), recorded on a Micrometer timer kept per combination of tags.
 *
 * <p>It takes the place of Spring Boot's {@code ServerHttpObservationFilter}: that filter goes through Micrometer's
 * Observation API, which for one timer builds a context, key values, a handler chain, a long-task timer for the
 * requests in flight and the timer's tags again on every request: 5 to 8 % of a read's request thread in the
 * benchmark's profiles (issue 17). What is left out is the long-task timer {@code http_server_requests_active_seconds}
 * (requests in flight, nowhere documented or used here). {@link Replacement} removes Spring Boot's filter, so that
 * a request is never counted twice; {@code RequestTimerEndToEndTest} holds the series to Spring Boot's.
 */
public class RequestTimer extends OncePerRequestFilter {

    private static final Set<String> METHODS =
            Stream.of(HttpMethod.values()).map(HttpMethod::name).collect(Collectors.toUnmodifiableSet());

    private record Key(String method, String uri, int status, String exception) {}

    private final MeterRegistry registry;
    private final String name;
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

    RequestTimer(MeterRegistry registry, String name) {
        this.registry = registry;
        this.name = name;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isAsyncDispatch(request)) {
            chain.doFilter(request, response); // timed by the listener of the first dispatch
            return;
        }
        long start = registry.config().clock().monotonicTime();
        Throwable error = null;
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            error = e instanceof ServletException && e.getCause() != null ? e.getCause() : e;
            response.setStatus(HttpStatus.INTERNAL_SERVER_ERROR.value());
            throw e;
        } finally {
            if (request.isAsyncStarted()) {
                Throwable thrown = error;
                request.getAsyncContext().addListener(new AsyncListener() {
                    @Override
                    public void onComplete(AsyncEvent event) {
                        record(request, response, start, thrown);
                    }

                    @Override
                    public void onTimeout(AsyncEvent event) {}

                    @Override
                    public void onError(AsyncEvent event) {}

                    @Override
                    public void onStartAsync(AsyncEvent event) {}
                });
            } else {
                record(request, response, start, error);
            }
        }
    }

    private void record(HttpServletRequest request, HttpServletResponse response, long start, Throwable thrown) {
        Throwable error = thrown != null ? thrown : (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        String method = METHODS.contains(request.getMethod()) ? request.getMethod() : "UNKNOWN";
        int status = response.getStatus();
        Key key = new Key(method, uri(request, status), status, error == null ? "none" : exceptionName(error));
        Timer timer = timers.get(key);
        if (timer == null) {
            timer = timers.computeIfAbsent(
                    key, k -> Timer.builder(name).tags(tags(k, error)).register(registry));
        }
        timer.record(registry.config().clock().monotonicTime() - start, TimeUnit.NANOSECONDS);
    }

    /** The tags in the names and values of Spring Boot's observation (its convention and its meter handler). */
    private static Tags tags(Key key, Throwable error) {
        return Tags.of(
                "error", error == null ? "none" : error.getClass().getSimpleName(),
                "exception", key.exception(),
                "method", key.method(),
                "outcome", outcome(key.status()),
                "status", Integer.toString(key.status()),
                "uri", key.uri());
    }

    private static String exceptionName(Throwable error) {
        String simpleName = error.getClass().getSimpleName();
        return StringUtils.hasText(simpleName) ? simpleName : error.getClass().getName();
    }

    /** The route's pattern, or what Spring Boot puts when none matched: a redirection, not found, or unknown. */
    private static String uri(HttpServletRequest request, int status) {
        if (request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern) {
            return pattern.isEmpty() ? "root" : pattern;
        }
        HttpStatus known = HttpStatus.resolve(status);
        if (known != null && known.is3xxRedirection()) {
            return "REDIRECTION";
        }
        return known == HttpStatus.NOT_FOUND ? "NOT_FOUND" : "UNKNOWN";
    }

    private static String outcome(int status) {
        if (status < 100 || status > 999) {
            return "UNKNOWN";
        }
        if (status >= 200 && status < 300) {
            return "SUCCESS";
        }
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "UNKNOWN" : known.series().name();
    }

    /** Registers the timer where Spring Boot registers its observation filter, and removes that one. */
    @Configuration
    static class Replacement {

        /** The bean Spring Boot's {@code WebMvcObservationAutoConfiguration} registers its filter as. */
        static final String SPRING_BOOTS_FILTER = "webMvcObservationFilter";

        @Bean
        FilterRegistrationBean<RequestTimer> requestTimer(
                MeterRegistry registry,
                @Value("${management.observations.http.server.requests.name:http.server.requests}") String name) {
            FilterRegistrationBean<RequestTimer> registration =
                    new FilterRegistrationBean<>(new RequestTimer(registry, name));
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
            registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
            return registration;
        }

        @Bean
        static BeanFactoryPostProcessor withoutSpringBootsObservationFilter() {
            return Replacement::removeSpringBootsFilter;
        }

        private static void removeSpringBootsFilter(ConfigurableListableBeanFactory factory) {
            if (factory instanceof BeanDefinitionRegistry registry
                    && registry.containsBeanDefinition(SPRING_BOOTS_FILTER)) {
                BeanDefinition definition = registry.getBeanDefinition(SPRING_BOOTS_FILTER);
                String source = definition.getFactoryBeanName();
                if (source != null && source.contains("WebMvcObservationAutoConfiguration")) {
                    registry.removeBeanDefinition(SPRING_BOOTS_FILTER);
                }
            }
        }
    }
}
