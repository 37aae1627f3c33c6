package dev.platform.app;

import static dev.platform.app.ScheduledPublishingEndToEndTest.mailsAbout;
import static dev.platform.app.ScheduledPublishingEndToEndTest.schedule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A scheduled publication goes out once however many nodes poll for it and whatever restarts happen between the
 * scheduling and the instant: two applications in this JVM on a database of their own (the shared context is left
 * alone), both polling every 100 ms, with the one that took the scheduling restarted before the instant; then a
 * publication whose instant passes while every node is down goes out, late and once, when one comes back. The
 * instants are compressed to a few seconds beyond what a restart takes on this machine.
 */
class ScheduledPublishingTwoNodesEndToEndTest {

    private static final int POSTS = 4;
    private static final int SUBSCRIBERS = 3;

    @Test
    void scheduledPostsPublishOnceWithTwoNodesAndOneRestartedBetweenSchedulingAndTheInstant() {
        String database = TestDatabase.create("scheduled");
        List<String> arguments = StandaloneApplication.argumentsWithPrefix(
                database,
                StandaloneApplication.rabbitPrefix("scheduled"),
                "--platform.scheduled-publishing.poll-interval=100ms");
        List<ConfigurableApplicationContext> running = new ArrayList<>();
        try {
            // One after the other: the first one migrates the fresh database. The second's start (on a migrated
            // database, like a restart) tells how long a restart takes here.
            ConfigurableApplicationContext a = start(arguments, running);
            long started = System.nanoTime();
            ConfigurableApplicationContext b = start(arguments, running);
            Duration startup = Duration.ofNanos(System.nanoTime() - started);
            Api onA = new Api(StandaloneApplication.port(a));
            Api onB = new Api(StandaloneApplication.port(b));

            TestUser creator = onA.newUser("creator");
            List<TestUser> subscribers = onA.newSubscribers(creator, SUBSCRIBERS);
            TestUser reader = onB.newUser("reader");
            // Every post for the same instant, scheduled through A; A is then restarted, B keeps running.
            Instant publishAt =
                    Instant.now().plus(startup.multipliedBy(2)).plusSeconds(8).truncatedTo(ChronoUnit.MILLIS);
            List<String> posts = new ArrayList<>();
            for (int i = 0; i < POSTS; i++) {
                String postId = onA.newPost(creator, "Scheduled " + i, "Out once");
                Response scheduled = schedule(onA, postId, creator, publishAt);
                assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(200);
                posts.add(postId);
            }
            assertThat(scheduledRows(database)).isEqualTo(POSTS);

            long stopping = System.nanoTime();
            stop(a, running);
            Duration shutdown = Duration.ofNanos(System.nanoTime() - stopping);
            ConfigurableApplicationContext restarted = start(arguments, running);
            Api onRestarted = new Api(StandaloneApplication.port(restarted));
            assertThat(Instant.now())
                    .as("the restart ends before the instant (started in %s)", startup)
                    .isBefore(publishAt);
            assertThat(onRestarted.readPost(posts.get(0), creator).text("status"))
                    .isEqualTo("scheduled");

            for (String postId : posts) {
                await().atMost(Duration.between(Instant.now(), publishAt).plusSeconds(20))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> onB.readPost(postId, reader).status() == 200);
            }
            assertMailedOnceEach(posts, subscribers);
            for (String postId : posts) {
                assertThat(publications(database, postId)).as(postId).isEqualTo(1);
                Instant publishedAt =
                        Instant.parse(onRestarted.readPost(postId, reader).text("published_at"));
                assertThat(publishedAt).isBetween(publishAt, publishAt.plusSeconds(5));
            }
            assertThat(scheduledRows(database)).isZero();

            // Every node down while the instant passes (it comes once both have had the time a stop took):
            // the first one back publishes it, late, once.
            String late = onB.newPost(creator, "Due while down", "Out when a node is back");
            Instant soon =
                    Instant.now().plus(shutdown.multipliedBy(3)).plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
            assertThat(schedule(onB, late, creator, soon).status()).isEqualTo(200);
            stop(restarted, running);
            stop(b, running);
            assertThat(Instant.now())
                    .as("both nodes stop before the instant (one stop took %s)", shutdown)
                    .isBefore(soon);
            await().atMost(Duration.between(Instant.now(), soon).plusSeconds(10))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> Instant.now().isAfter(soon.plusSeconds(1)));
            assertThat(publications(database, late)).isZero();

            ConfigurableApplicationContext back = start(arguments, running);
            Api onBack = new Api(StandaloneApplication.port(back));
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> onBack.readPost(late, reader).status() == 200);
            assertMailedOnceEach(List.of(late), subscribers);
            assertThat(publications(database, late)).isEqualTo(1);
        } finally {
            running.forEach(ConfigurableApplicationContext::close);
        }
    }

    private static ConfigurableApplicationContext start(
            List<String> arguments, List<ConfigurableApplicationContext> running) {
        ConfigurableApplicationContext context = StandaloneApplication.start(arguments);
        running.add(context);
        return context;
    }

    private static void stop(ConfigurableApplicationContext context, List<ConfigurableApplicationContext> running) {
        running.remove(context);
        context.close();
    }

    /** Each subscriber gets the e-mail of each post, and no second one comes while the test holds on a little. */
    private static void assertMailedOnceEach(List<String> posts, List<TestUser> subscribers) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> posts.stream()
                        .allMatch(post -> subscribers.stream().allMatch(s -> mailsAbout(post, s.email()) >= 1)));
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> posts.stream()
                        .allMatch(post -> subscribers.stream().allMatch(s -> mailsAbout(post, s.email()) == 1)));
    }

    private static long publications(String database, String postId) {
        return Sql.number(
                database,
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?"
                        + " AND payload_type = 'dev.platform.api.post.PostPublished'",
                postId);
    }

    private static long scheduledRows(String database) {
        return Sql.number(database, "SELECT count(*) FROM scheduled_publication");
    }
}
