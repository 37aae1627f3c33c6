package dev.platform.app;

import static dev.platform.app.EventStore.eventsOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The contract's "Subscriptions" section under concurrency: racing first subscribes make one subscription, racing
 * subscribes and unsubscribes all succeed, on one node and on two nodes sharing the event store.
 */
class SubscriptionConcurrencyEndToEndTest extends EndToEndTest {

    @Test
    void twentyConcurrentFirstSubscribesGiveOne201AndOneSubscription() throws Exception {
        TestUser reader = api.newUser("reader");
        TestUser creator = api.newUser("creator");
        List<Callable<Response>> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            attempts.add(() -> api.subscribe(reader, creator.id()));
        }

        List<Response> answers = Api.runTogether(attempts);

        assertConcurrentFirstSubscribes(answers);
        Response listed = api.subscriptions(reader, "");
        assertThat(listed.header("X-Total-Count")).contains("1");
        assertThat(listed.body().get(0).path("status").asText()).isEqualTo("active");
        assertThat(eventsOf(answers.get(0).text("id"))).isEqualTo(1);
    }

    @Test
    void twentyConcurrentFlipsAllSucceedAndAFinalSubscribeLeavesItActive() throws Exception {
        TestUser reader = api.newUser("reader");
        TestUser creator = api.newUser("creator");
        assertThat(api.subscribe(reader, creator.id()).status()).isEqualTo(201);
        List<Callable<Response>> flips = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            flips.add(
                    i % 2 == 0
                            ? () -> api.unsubscribe(reader, creator.id())
                            : () -> api.subscribe(reader, creator.id()));
        }

        List<Response> answers = Api.runTogether(flips);

        assertFlips(answers);
        Response last = api.subscribe(reader, creator.id());
        assertThat(last.status()).isEqualTo(200);
        Response listed = api.subscriptions(reader, "");
        assertThat(listed.header("X-Total-Count")).contains("1");
        assertThat(listed.body().get(0).path("status").asText()).isEqualTo("active");
    }

    /**
     * Two nodes on one event store: their repositories' locks do not see each other, so concurrent commands on
     * one subscription really clash on the (aggregate id, sequence) key, and the loser must be retried.
     */
    @Test
    void onTwoNodesConcurrentSubscribesAndFlipsStayCorrect() throws Exception {
        TestUser reader = api.newUser("reader");
        TestUser creator = api.newUser("creator");
        try (ConfigurableApplicationContext secondNode = startSecondNode()) {
            Api other = new Api(((ServletWebServerApplicationContext) secondNode)
                    .getWebServer()
                    .getPort());
            List<Callable<Response>> firsts = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Api node = i % 2 == 0 ? api : other;
                firsts.add(() -> node.subscribe(reader, creator.id()));
            }

            List<Response> firstAnswers = Api.runTogether(firsts);

            assertConcurrentFirstSubscribes(firstAnswers);
            assertThat(eventsOf(firstAnswers.get(0).text("id"))).isEqualTo(1);

            List<Callable<Response>> flips = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Api node = i % 4 < 2 ? api : other;
                flips.add(
                        i % 2 == 0
                                ? () -> node.unsubscribe(reader, creator.id())
                                : () -> node.subscribe(reader, creator.id()));
            }

            assertFlips(Api.runTogether(flips));
            assertThat(other.subscribe(reader, creator.id()).status()).isEqualTo(200);
        }
        Response listed = api.subscriptions(reader, "");
        assertThat(listed.header("X-Total-Count")).contains("1");
        assertThat(listed.body().get(0).path("status").asText()).isEqualTo("active");
    }

    private static void assertConcurrentFirstSubscribes(List<Response> answers) {
        assertThat(answers)
                .allSatisfy(r -> assertThat(r.status()).as(r.toString()).isIn(200, 201));
        assertThat(answers).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(answers).filteredOn(r -> r.status() == 200).hasSize(answers.size() - 1);
        assertThat(answers)
                .extracting(r -> r.text("id"))
                .containsOnly(answers.get(0).text("id"));
        assertThat(answers).extracting(r -> r.text("status")).containsOnly("active");
    }

    private static void assertFlips(List<Response> answers) {
        assertThat(answers).allSatisfy(r -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            boolean subscribed = r.raw().request().uri().getPath().endsWith("/subscribe");
            assertThat(r.text("status")).isEqualTo(subscribed ? "active" : "cancelled");
        });
        assertThat(answers)
                .extracting(r -> r.text("id"))
                .containsOnly(answers.get(0).text("id"));
    }

    private static ConfigurableApplicationContext startSecondNode() {
        // Arguments, not default properties: those rank below platform-defaults.yml.
        return new SpringApplicationBuilder(PlatformApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + TestDatabase.sharedUrl(),
                        "--spring.datasource.username=" + TestDatabase.user(),
                        "--spring.datasource.password=" + TestDatabase.password(),
                        // PostgreSQL's connections are shared with the first node (and other test runs).
                        "--spring.datasource.hikari.maximum-pool-size=10",
                        "--spring.datasource.hikari.minimum-idle=2");
    }
}
