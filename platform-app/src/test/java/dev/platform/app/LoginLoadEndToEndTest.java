package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Hostile login load against the running application: every answer is a contract answer (401, 429 or 503 with
 * {@code Retry-After}), the heap holds, and one e-mail gets no more password checks than the throttle allows.
 */
class LoginLoadEndToEndTest extends EndToEndTest {

    @Autowired
    MeterRegistry meters;

    /** Password checks done by this process so far (the hashing bulkhead's timer). */
    private long passwordChecks() {
        return meters.get("platform.password.hashing")
                .tag("operation", "verify")
                .timer()
                .count();
    }

    private static Callable<Response> wrongLogin(Api api, String email) {
        return () -> api.post("/api/v1/users/login", Map.of("email", email, "password", "not-the-password"), null);
    }

    private static Map<Integer, Long> byStatus(List<Response> answers) {
        return answers.stream().collect(Collectors.groupingBy(Response::status, TreeMap::new, Collectors.counting()));
    }

    private static void assertRetryAfter(Response r) {
        assertThat(r.header("Retry-After")).as(r.toString()).isPresent();
        assertThat(Long.parseLong(r.header("Retry-After").orElseThrow())).isPositive();
    }

    @Test
    void threeHundredConcurrentWrongLoginsAreAnswered401429Or503WithinTheHeap() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            calls.add(wrongLogin(api, "load-" + run + "-" + i + "@example.com"));
        }
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);

        long started = System.nanoTime();
        List<Response> answers = Api.runTogether(calls);
        long millis = (System.nanoTime() - started) / 1_000_000;
        // The sum of each pool's peak bounds the peak of the whole heap from above.
        long peak =
                heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        long max = Runtime.getRuntime().maxMemory();
        System.out.printf(
                "login burst: 300 wrong logins answered in %d ms: %s; heap peak <= %d MiB of max %d MiB%n",
                millis, byStatus(answers), peak >> 20, max >> 20);

        for (Response r : answers) {
            assertThat(r.status()).as(r.toString()).isIn(401, 429, 503);
            assertThat(r.code()).isIn("INVALID_CREDENTIALS", "RATE_LIMITED", "SERVICE_UNAVAILABLE");
            assertThat(r.text("correlation_id"))
                    .isEqualTo(r.header("X-Request-Id").orElseThrow());
            if (r.status() != 401) {
                assertRetryAfter(r);
            }
        }
        assertThat(peak).isLessThan(max);
        // 300 different e-mails: no e-mail is throttled, and the per-address limit is off by default.
        assertThat(answers).noneMatch(r -> r.status() == 429);
    }

    @Test
    void aHundredParallelWrongPasswordsForOneAddressMakeAtMostTenPasswordChecks() throws Exception {
        TestUser user = api.newUser("reader");
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            calls.add(wrongLogin(api, user.email()));
        }

        long checksBefore = passwordChecks();

        List<Response> answers = Api.runTogether(calls);
        long checks = passwordChecks() - checksBefore;
        System.out.printf("100 wrong logins for one address: %s, %d password checks%n", byStatus(answers), checks);

        for (Response r : answers) {
            assertThat(r.status()).as(r.toString()).isIn(401, 429, 503);
            if (r.status() != 401) {
                assertRetryAfter(r);
            }
        }
        assertThat(checks).isLessThanOrEqualTo(10);
        assertThat(answers.stream().filter(r -> r.status() == 401).count()).isLessThanOrEqualTo(10);
        assertThat(answers.stream().filter(r -> r.status() == 429).count()).isGreaterThanOrEqualTo(90);
        // Throttled now, even with the right password.
        Response right =
                api.post("/api/v1/users/login", Map.of("email", user.email(), "password", user.password()), null);
        Api.assertRefused(right, 429, "RATE_LIMITED");
    }
}
