package dev.platform.infra.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * {@link RequestTimer} records the series Spring Boot's observation filter records: both filters run over the same
 * request and the same handling (a route's pattern, none, a redirection, a thrown exception, an error dispatch's
 * exception, an unknown method or status), each into a registry of its own, and the timers they made have the same
 * names and tags and one request each.
 */
class RequestTimerTest {

    /** What the application did with the request inside the filter. */
    private interface Handling {
        void handle(MockHttpServletRequest request, MockHttpServletResponse response) throws Exception;
    }

    private record Case(String name, String method, Handling handling) {}

    private static final List<Case> CASES = List.of(
            new Case("a route's 200", "GET", (request, response) -> {
                matched(request, "/api/v1/posts/{id}");
                response.setStatus(200);
            }),
            new Case("the root", "GET", (request, response) -> {
                matched(request, "");
                response.setStatus(200);
            }),
            new Case("a route's 400", "POST", (request, response) -> {
                matched(request, "/api/v1/posts");
                response.setStatus(400);
            }),
            new Case("no route", "GET", (request, response) -> response.setStatus(404)),
            new Case("refused before any route", "GET", (request, response) -> response.setStatus(401)),
            new Case("a redirection", "GET", (request, response) -> response.setStatus(302)),
            new Case("an unknown method", "FROB", (request, response) -> response.setStatus(405)),
            new Case("a status outside the enumeration", "GET", (request, response) -> response.setStatus(299)),
            new Case("an unknown status", "GET", (request, response) -> response.setStatus(499)),
            new Case("an exception thrown", "GET", (request, response) -> {
                matched(request, "/api/v1/posts/{id}");
                throw new IllegalStateException("boom");
            }),
            new Case("an error dispatch's exception", "GET", (request, response) -> {
                request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new ArithmeticException("x"));
                response.setStatus(500);
            }));

    /** What Spring MVC's handler mapping does when a route matched (RequestMappingInfoHandlerMapping.handleMatch). */
    private static void matched(MockHttpServletRequest request, String pattern) {
        request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, pattern);
        ServerHttpObservationFilter.findObservationContext(request)
                .ifPresent(context -> context.setPathPattern(pattern));
    }

    @Test
    void everyCaseGivesTheSeriesOfSpringBootsObservation() throws Exception {
        for (Case c : CASES) {
            SimpleMeterRegistry observed = new SimpleMeterRegistry();
            ObservationRegistry observations = ObservationRegistry.create();
            observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(observed));
            run(new ServerHttpObservationFilter(observations), c);

            SimpleMeterRegistry timed = new SimpleMeterRegistry();
            run(new RequestTimer(timed, "http.server.requests"), c);

            assertThat(timers(timed)).as(c.name()).isEqualTo(timers(observed)).hasSize(1);
            assertThat(timed.get("http.server.requests").timer().count())
                    .as(c.name())
                    .isEqualTo(1);
        }
    }

    @Test
    void aTimerIsKeptPerSeriesAndCountsEveryRequest() throws Exception {
        SimpleMeterRegistry timed = new SimpleMeterRegistry();
        RequestTimer filter = new RequestTimer(timed, "http.server.requests");
        for (int i = 0; i < 5; i++) {
            run(filter, CASES.get(0));
            run(filter, CASES.get(3));
        }
        assertThat(timed.find("http.server.requests")
                        .tag("uri", "/api/v1/posts/{id}")
                        .timer())
                .extracting(Timer::count)
                .isEqualTo(5L);
        assertThat(timed.find("http.server.requests").tag("uri", "NOT_FOUND").timer())
                .extracting(Timer::count)
                .isEqualTo(5L);
    }

    private static void run(Filter filter, Case c) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(c.method(), "/api/v1/posts/x");
        MockHttpServletResponse response = new MockHttpServletResponse();
        FilterChain chain = (req, res) -> {
            try {
                c.handling().handle((MockHttpServletRequest) req, (MockHttpServletResponse) res);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        catchThrowable(() -> filter.doFilter(request, response, chain));
    }

    /** Each timer as its name and tags (the long-task timer of requests in flight is the observation's alone). */
    private static Set<String> timers(SimpleMeterRegistry registry) {
        return registry.getMeters().stream()
                .filter(m -> m.getId().getType() == Meter.Type.TIMER)
                .map(m -> m.getId().getName() + m.getId().getTags())
                .collect(Collectors.toSet());
    }
}
