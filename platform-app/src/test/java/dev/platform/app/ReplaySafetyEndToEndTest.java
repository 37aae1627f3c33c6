package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.api.user.UserRegistered;
import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Replay safety: rebuilding projections never causes a side effect. Every processor the admin endpoint lists is
 * rebuilt (or refused, if it must never be replayed) while the side effects are counted; nothing may be sent.
 * The application runs with probes: a processing group with a {@code @DisallowReplay} handler that stands for a
 * side effect and a replayable handler that shows the replay really happened, and a saga (never rebuilt).
 *
 * <p>To cover a new kind of side effect, add its counter to {@link #sideEffects()} (e-mails received by the test
 * SMTP server, messages published to RabbitMQ, ...): the test then checks it for every processor, present and
 * future.
 */
@SpringBootTest(
        classes = {PlatformApplication.class, ReplaySafetyEndToEndTest.Probes.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReplaySafetyEndToEndTest {

    private static final String DATABASE = TestDatabase.create("replay");

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        TestDatabase.use(registry, DATABASE, 8);
        EndToEndTest.admin(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    SideEffectProbe sideEffect;

    @Autowired
    ReplayProbe replay;

    private Api api;
    private ProjectionAdmin admin;

    @BeforeEach
    void connect() {
        api = new Api(port);
        admin = new ProjectionAdmin(api, api.login(EndToEndTest.ADMIN_EMAIL, EndToEndTest.ADMIN_PASSWORD));
    }

    /** Everything that must not happen during a rebuild, each as a count that only grows. */
    private Map<String, Long> sideEffects() {
        Map<String, LongSupplier> counters = new LinkedHashMap<>();
        counters.put("@DisallowReplay handler invocations", sideEffect.invocations::get);
        Map<String, Long> counts = new LinkedHashMap<>();
        counters.forEach((name, counter) -> counts.put(name, counter.getAsLong()));
        return counts;
    }

    @Test
    void rebuildingEveryProcessorCausesNoSideEffect() {
        TestUser creator = api.newUser("creator");
        for (int i = 0; i < 5; i++) {
            TestUser reader = api.newUser("reader");
            api.request("POST", "/api/v1/creators/" + creator.id() + "/subscribe")
                    .token(reader.token())
                    .send();
        }
        List<String> processors = admin.names();
        processors.forEach(admin::awaitCaughtUp);
        Map<String, Long> before = sideEffects();
        long replayed = replay.invocations.get();
        long registrations = Sql.number(
                DATABASE, "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%.UserRegistered'");
        assertThat(before.get("@DisallowReplay handler invocations"))
                .as("the side-effect probe runs on live events")
                .isPositive();

        long head = Sql.head(DATABASE);
        for (String name : processors) {
            Response rebuild = admin.rebuild(name);
            if (rebuild.status() == 400) {
                assertThat(rebuild.code()).isEqualTo("VALIDATION_FAILED");
            } else {
                assertThat(rebuild.status()).as(name + ": " + rebuild).isEqualTo(202);
            }
        }
        for (String name : processors) {
            admin.awaitRebuilt(name, head);
        }

        assertThat(processors).contains("users", "subscriptions", "replay-probe");
        assertThat(replay.invocations.get())
                .as("the probe group was replayed: its replayable handler saw every registration again")
                .isEqualTo(replayed + registrations);
        assertThat(sideEffects()).isEqualTo(before);
    }

    @Test
    void aSagaIsNeverRebuilt() {
        String saga = admin.names().stream()
                .filter(name -> name.endsWith("SagaProcessor"))
                .findFirst()
                .orElseThrow();

        Response r = admin.rebuild(saga);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(r.body().path("field_errors").has("name")).isTrue();
        assertThat(admin.status(saga).path("replaying").asBoolean()).isFalse();
    }

    /**
     * Issue 19: a node that holds none of the group's segments rebuilds it beside the live tables while this node
     * keeps serving them; a second rebuild meanwhile is refused; after the switch both nodes serve the rebuilt
     * table, and this node's group continues from the rebuild's token (no replay of its own).
     */
    @Test
    void anotherNodeRebuildsWhileThisOneHoldsTheSegmentsAndASecondRebuildIsRefused() {
        TestUser reader = api.newUser("reader");
        admin.awaitCaughtUp("users");
        List<String> rows = Sql.rows(DATABASE, "SELECT * FROM user_view ORDER BY id");
        // This node holds every segment; the second one, started later, holds none.
        try (ConfigurableApplicationContext second = StandaloneApplication.start(
                DATABASE,
                "--spring.datasource.hikari.maximum-pool-size=5",
                "--spring.datasource.hikari.minimum-idle=1",
                "--platform.rebuilds.batch-pause=50ms")) {
            ProjectionAdmin onSecond = new ProjectionAdmin(
                    new Api(StandaloneApplication.port(second)),
                    api.login(EndToEndTest.ADMIN_EMAIL, EndToEndTest.ADMIN_PASSWORD));

            Response started = onSecond.rebuild("users");
            Response again = admin.rebuild("users");

            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            assertThat(again.status()).as(again.toString()).isEqualTo(409);
            assertThat(again.code()).isEqualTo("CONCURRENT_MODIFICATION");
            assertThat(api.get("/api/v1/users/" + reader.id(), reader.token()).status())
                    .as("this node serves the live table meanwhile")
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> onSecond.rebuildStatus("users").text("state").equals("switched"));
        }
        TestUser later = api.newUser("reader");
        assertThat(api.get("/api/v1/users/" + later.id(), later.token()).status())
                .as("this node's group goes on in the rebuilt table")
                .isEqualTo(200);
        assertThat(Sql.rows(DATABASE, "SELECT * FROM user_view WHERE id <> ?::uuid ORDER BY id", later.id()))
                .isEqualTo(rows);
        assertThat(admin.status("users").path("replaying").asBoolean()).isFalse();
        assertThat(
                        Sql.number(
                                DATABASE,
                                "SELECT count(*) FROM token_entry WHERE processor_name = 'users' AND token_type LIKE '%ReplayToken'"))
                .isZero();
    }

    /** The probes, in this test's application only. */
    @TestConfiguration
    @Import(ProbeSaga.class)
    static class Probes {
        @Bean
        SideEffectProbe sideEffectProbe() {
            return new SideEffectProbe();
        }

        @Bean
        ReplayProbe replayProbe() {
            return new ReplayProbe();
        }
    }

    /** Stands for a handler with a side effect (an e-mail, a message): it must never see a replayed event. */
    @ProcessingGroup("replay-probe")
    @DisallowReplay
    static class SideEffectProbe {
        final AtomicLong invocations = new AtomicLong();

        @EventHandler
        void on(UserRegistered event) {
            invocations.incrementAndGet();
        }
    }

    /** A replayable handler in the same group: counts what the group handles, replays included. */
    @ProcessingGroup("replay-probe")
    static class ReplayProbe {
        final AtomicLong invocations = new AtomicLong();

        @EventHandler
        void on(UserRegistered event) {
            invocations.incrementAndGet();
        }
    }

    /** A saga that starts and ends on each registration: its processor must never be reset. */
    @Saga
    public static class ProbeSaga {
        /** Axon creates saga instances reflectively, from outside this package. */
        public ProbeSaga() {}

        @StartSaga
        @EndSaga
        @SagaEventHandler(associationProperty = "userId")
        void on(UserRegistered event) {
            // nothing: the saga exists so that its processor is listed
        }
    }
}
