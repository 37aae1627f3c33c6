package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.api.common.ReadModels;
import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import dev.platform.infra.axon.InlineProjections;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Read-your-writes cannot exhaust the server: with the posts projection held back, 200 concurrent writes all
 * answer within the wait's timeout plus a margin, none with a 5xx, each marked {@code X-Read-Model: stale}, and
 * reads keep answering meanwhile. Once the projection runs again every write shows up.
 */
class ReadYourWritesUnderLagEndToEndTest extends EndToEndTest {

    /**
     * The streaming processors' own handling (batches, event by event, lag) is what this class is about: the
     * application's inline projections, which bypass it for the application's own writes, are off meanwhile.
     */
    @Autowired
    InlineProjections inlineProjections;

    @BeforeEach
    void streamingOnly() {
        inlineProjections.stop();
    }

    @AfterEach
    void inlineAgain() {
        inlineProjections.start();
    }

    private static final int WRITES = 200;
    /** {@code platform.read-your-writes.timeout}'s default, and what a write may take beyond it here. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static final Duration MARGIN = Duration.ofSeconds(10);

    @Autowired
    Configuration axon;

    @Test
    void writesAnswerStaleWithinTheTimeoutWhileTheirProjectionIsHeldBackAndReadsGoOn() throws Exception {
        TestUser creator = api.newUser("creator");
        String existing = api.newPost(creator, "before the pause", "x");
        StreamingEventProcessor posts = (StreamingEventProcessor) axon.eventProcessingConfiguration()
                .eventProcessor(ReadModels.POSTS)
                .orElseThrow();
        posts.shutDown();
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Integer> readStatuses = new ArrayList<>();
        try {
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                while (writing.get()) {
                    int status = api.get("/api/v1/posts/" + existing, creator.token())
                            .status();
                    synchronized (readStatuses) {
                        readStatuses.add(status);
                    }
                }
            });
            List<Callable<Response>> writes = new ArrayList<>();
            for (int i = 0; i < WRITES; i++) {
                String title = "during the pause " + i;
                writes.add(() -> api.post("/api/v1/posts", Map.of("title", title, "content", "y"), creator.token()));
            }
            long started = System.nanoTime();
            List<Response> answers = Api.runTogether(writes);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            writing.set(false);
            reader.get();

            assertThat(answers).allSatisfy(answer -> {
                assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
                assertThat(answer.header("X-Read-Model")).contains("stale");
            });
            assertThat(took).isLessThan(TIMEOUT.plus(MARGIN));
            assertThat(readStatuses).isNotEmpty().containsOnly(200);
            System.out.printf(
                    "%d writes with the posts projection paused answered in %d ms; %d reads meanwhile, all 200%n",
                    WRITES, took.toMillis(), readStatuses.size());
        } finally {
            writing.set(false);
            posts.start();
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> api.get("/api/v1/creators/" + creator.id() + "/posts?limit=1", creator.token())
                        .header("X-Total-Count")
                        .orElse("0")
                        .equals(Integer.toString(WRITES + 1)));
        Response fresh = api.post("/api/v1/posts", Map.of("title", "after", "content", "z"), creator.token());
        assertThat(fresh.status()).isEqualTo(201);
        assertThat(fresh.header("X-Read-Model")).isEmpty();
    }
}
