package dev.platform.app;

import static dev.platform.app.Api.assertRefused;
import static dev.platform.app.EventStore.eventTypes;
import static dev.platform.app.EventStore.lastEvent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The contract's "Posts" section under load: concurrent edits of one post are each accepted or refused as a
 * conflict and the event store tells the whole story; a post edited past the snapshot threshold keeps all its state.
 */
class PostConcurrencyEndToEndTest extends EndToEndTest {

    private static final String POST_UPDATED = "dev.platform.api.post.PostUpdated";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void thirtyConcurrentUpdatesAreEach200Or409AndTheEventsTellTheWholeStory() throws Exception {
        TestUser creator = api.newUser("creator");
        String postId = api.newPost(creator, "Contended", "Body");
        List<Callable<Response>> updates = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String title = "Title from writer " + i;
            updates.add(() -> api.editPost(postId, Map.of("title", title), creator));
        }

        List<Response> answers = runTogether(updates, updates.size());

        Set<String> accepted = new HashSet<>();
        for (Response answer : answers) {
            assertThat(answer.status()).as(answer.toString()).isIn(200, 409);
            if (answer.status() == 409) {
                assertThat(answer.code()).isEqualTo("CONCURRENT_MODIFICATION");
            } else {
                accepted.add(answer.text("title"));
            }
        }
        long oks = answers.stream().filter(a -> a.status() == 200).count();
        assertThat(oks).isPositive();
        List<String> types = eventTypes(postId);
        assertThat(types.stream().filter(POST_UPDATED::equals).count()).isEqualTo(oks);
        String finalTitle = api.readPost(postId, creator).text("title");
        assertThat(accepted).contains(finalTitle);
        assertThat(lastEvent(postId, POST_UPDATED).path("title").asText()).isEqualTo(finalTitle);
    }

    @Test
    void aPostEditedPastTheSnapshotThresholdStillLoadsWithAllItsState() throws Exception {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPost(creator, "Many edits", "rev 0");
        String publishedAt = api.publish(postId, creator).text("published_at");
        assertThat(api.editPost(postId, Map.of("title", "Title kept in the snapshot"), creator)
                        .status())
                .isEqualTo(200);
        // More edits than the snapshot threshold (100), ten at a time to keep the test short.
        List<Callable<Response>> edits = new ArrayList<>();
        for (int i = 1; i <= 110; i++) {
            String content = "rev " + i;
            edits.add(() -> api.editPost(postId, Map.of("content", content), creator));
        }
        for (Response edit : runTogether(edits, 10)) {
            assertThat(edit.status()).as(edit.toString()).isEqualTo(200);
        }
        Integer snapshots = jdbc.queryForObject(
                "SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?", Integer.class, postId);
        assertThat(snapshots).isPositive();

        Response after = api.editPost(postId, Map.of("content", "after the snapshot"), creator);

        assertThat(after.status()).as(after.toString()).isEqualTo(200);
        assertThat(after.text("title")).isEqualTo("Title kept in the snapshot");
        assertThat(after.text("creator_id")).isEqualTo(creator.id());
        assertThat(after.text("status")).isEqualTo("published");
        assertThat(after.text("published_at")).isEqualTo(publishedAt);
        assertThat(api.readPost(postId, reader).text("content")).isEqualTo("after the snapshot");
        assertRefused(api.publish(postId, creator), 409, "POST_ALREADY_PUBLISHED");
        assertRefused(api.editPost(postId, Map.of("title", "Hijacked"), reader), 403, "FORBIDDEN");
    }

    /** Sends all calls at once from {@code threads} threads, released together; answers in the calls' order. */
    private static List<Response> runTogether(List<Callable<Response>> calls, int threads) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (Callable<Response> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> future : futures) {
                answers.add(future.get(120, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
