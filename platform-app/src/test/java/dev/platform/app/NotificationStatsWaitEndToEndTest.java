package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.api.notification.NotificationAudienceGroup;
import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A publication answers without waiting for the notification side; {@code GET /posts/{id}/notifications} waits
 * for it instead: with {@code notification-audience} held back, the publication answers 200 without {@code
 * X-Read-Model}, the creator's stats read waits and shows the recipient once the side runs again, and a stats read
 * the side never catches up with in time answers what is there, marked {@code X-Read-Model: stale}.
 */
class NotificationStatsWaitEndToEndTest extends EndToEndTest {

    /** {@code platform.read-your-writes.timeout}'s default. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Autowired
    Configuration axon;

    private StreamingEventProcessor audience() {
        return (StreamingEventProcessor) axon.eventProcessingConfiguration()
                .eventProcessor(NotificationAudienceGroup.NAME)
                .orElseThrow();
    }

    @Test
    void aPublicationAnswersWithoutTheAudienceAndTheStatsReadWaitsForIt() throws Exception {
        TestUser creator = api.newUser("creator");
        api.newSubscribers(creator, 1);
        String post = api.newPost(creator, "held back", "x");
        StreamingEventProcessor audience = audience();
        audience.shutDown();
        CompletableFuture<Response> stats;
        try {
            long started = System.nanoTime();
            Response published = api.publish(post, creator);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(published.status()).as(published.toString()).isEqualTo(200);
            assertThat(published.header("X-Read-Model")).isEmpty();
            assertThat(took).isLessThan(TIMEOUT);

            stats = CompletableFuture.supplyAsync(
                    () -> api.get("/api/v1/posts/" + post + "/notifications", creator.token()));
            // The stats read waits for the held-back side: still not answered throughout half a second.
            CompletableFuture<Response> waiting = stats;
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !waiting.isDone());
        } finally {
            audience.start();
        }
        Response answer = stats.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.header("X-Read-Model")).isEmpty();
        assertThat(answer.body().get("recipients").asLong()).isEqualTo(1);
    }

    @Test
    void aStatsReadTheSideDoesNotCatchUpWithInTimeIsMarkedStale() {
        TestUser creator = api.newUser("creator");
        api.newSubscribers(creator, 1);
        String post = api.newPost(creator, "held back longer", "x");
        TestUser stranger = api.newUser("reader");
        assertThat(api.notificationStats(creator, post).get("recipients").asLong())
                .isZero();
        StreamingEventProcessor audience = audience();
        audience.shutDown();
        try {
            assertThat(api.publish(post, creator).status()).isEqualTo(200);
            long started = System.nanoTime();
            Response answer = api.get("/api/v1/posts/" + post + "/notifications", creator.token());
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.header("X-Read-Model")).contains("stale");
            assertThat(answer.body().get("recipients").asLong()).isZero();
            assertThat(took).isGreaterThanOrEqualTo(TIMEOUT.minusMillis(100));

            Response refused = api.get("/api/v1/posts/" + post + "/notifications", stranger.token());
            assertThat(refused.status()).as(refused.toString()).isIn(403, 404);
            assertThat(refused.header("X-Read-Model")).isEmpty();
        } finally {
            audience.start();
        }
        assertThat(api.notificationStats(creator, post).get("recipients").asLong())
                .isEqualTo(1);
    }
}
