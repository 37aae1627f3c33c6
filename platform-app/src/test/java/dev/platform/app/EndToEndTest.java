package dev.platform.app;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the end-to-end tests: the all-in-one application on a random port against a real PostgreSQL
 * database of this run, reached over HTTP only. All subclasses share one application context; tests isolate
 * themselves by fresh users and ids, never by restarting anything. Metrics are exported as in production
 * (Spring Boot's tests switch them off otherwise).
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(classes = PlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class EndToEndTest {

    public static final String ADMIN_EMAIL = "operator@platform.test";
    public static final String ADMIN_PASSWORD = "operator-password-1";

    @LocalServerPort
    int port;

    protected Api api;

    /** The operator account (ADMIN_EMAIL, ADMIN_PASSWORD) of an application context, for the admin endpoints. */
    static void admin(DynamicPropertyRegistry registry) {
        registry.add("platform.admin.email", () -> ADMIN_EMAIL);
        registry.add("platform.admin.password", () -> ADMIN_PASSWORD);
    }

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestDatabase::sharedUrl);
        registry.add("spring.datasource.username", TestDatabase::user);
        registry.add("spring.datasource.password", TestDatabase::password);
        admin(registry);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestMail::port);
        registry.add("platform.notifications.queue-prefix", TestRabbit::prefix);
        // Time compressed for mail failures: retries 200 ms apart for up to 30 s, SMTP waits of at most 2 s, and a
        // claimed delivery held for 20 s (far beyond a send here, so a slow machine never reclaims a live one).
        registry.add("platform.notifications.retry-schedule", () -> "200ms");
        registry.add("platform.notifications.retry-for", () -> "30s");
        registry.add("platform.notifications.smtp.connect-timeout", () -> "2s");
        registry.add("platform.notifications.smtp.read-timeout", () -> "2s");
        registry.add("platform.notifications.smtp.write-timeout", () -> "2s");
        registry.add("platform.notifications.sending-lease", () -> "20s");
        registry.add("platform.notifications.progress-interval", () -> "1s");
        registry.add("platform.notifications.rate-per-second", () -> "500");
        // Parked events are tried again after 1 s (doubling), looked for every 200 ms: faults heal within a test.
        registry.add("platform.dead-letters.retry-delay", () -> "1s");
        registry.add("platform.dead-letters.check-interval", () -> "200ms");
        // An erased person's address and username are free again 4 s after the erasure (ErasureEndToEndTest).
        registry.add("platform.erasure.quarantine", () -> "4s");
        registry.add("platform.erasure.release-interval", () -> "500ms");
        // Browser pages of this origin may call the API (CrossOriginEndToEndTest); a page of any other may not.
        registry.add("platform.cors.allowed-origins", CrossOriginPage::allowedOrigin);
        // A write told to the post cache whose end never comes is logged with where it began (after 2 minutes).
        registry.add("platform.posts.cache.trace-writes", () -> "true");
    }

    @BeforeEach
    void connect() {
        api = new Api(port);
    }
}
