package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /posts/{id}/history} and {@code ?as_of=} on a post with many large edits: the answers are right at
 * every point of a long stream, and a request reads only the events it needs. What a request reads is measured as
 * the bytes the server's request threads allocate while answering it (the JVM counts them per thread, and the
 * test's own HTTP client runs on another thread): reading the post's events costs at least their size, so an
 * answer built from a page or from the first few events stays far below the size of the whole stream.
 */
class HistoryPagingEndToEndTest extends EndToEndTest {

    private static final int EDITS = 300;
    private static final int CONTENT_SIZE = 50_000;
    /** The contents of all edits together: what a request reading every event allocates at least. */
    private static final long STREAM_BYTES = (long) EDITS * CONTENT_SIZE;
    /** Well above a page of a few 50 KB events (with their JSON and the answer), far below the stream. */
    private static final long FEW_EVENTS_BYTES = 6_000_000;

    /** The post the reading tests share (they only read it); made by the first of them. */
    private static EditedPost shared;

    private TestUser creator;
    private String postId;
    private Instant createdAt;

    record EditedPost(TestUser creator, String postId, Instant createdAt) {}

    @BeforeEach
    void sharedPost() {
        if (shared == null) {
            shared = newPostWithManyLargeEdits();
        }
        creator = shared.creator();
        postId = shared.postId();
        createdAt = shared.createdAt();
    }

    /**
     * A post created through the API, then {@value #EDITS} edits of {@value #CONTENT_SIZE} characters stored in
     * one statement, as the command side stores them (edit {@code i} titled {@code "edit i"}, its content starting
     * with {@code "edit-i:"}, written {@code i} ms after the creation).
     */
    private EditedPost newPostWithManyLargeEdits() {
        TestUser author = api.newUser("creator");
        Response created = api.post("/api/v1/posts", Map.of("title", "edit 0", "content", "original"), author.token());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.text("id");
        Instant at = Instant.parse(created.text("created_at"));
        int stored = Sql.update(
                TestDatabase.sharedUrl(),
                "WITH edit AS (SELECT i, to_char(timestamp '1970-01-01' + (?::bigint + i) * interval '1 millisecond',"
                        + " 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') AS at FROM generate_series(1, ?) AS i)"
                        + " INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number,"
                        + " type, time_stamp, payload_type, payload_revision, payload, meta_data)"
                        + " SELECT gen_random_uuid()::text, ?, i, 'Post', at, 'dev.platform.api.post.PostUpdated', NULL,"
                        + " convert_to(json_build_object('postId', ?, 'title', 'edit ' || i, 'content',"
                        + " rpad('edit-' || i || ':', ?, 'x'), 'updatedAt', at)::text, 'UTF8'),"
                        + " convert_to(json_build_object('actorId', ?)::text, 'UTF8')"
                        + " FROM edit ORDER BY i",
                at.toEpochMilli(),
                EDITS,
                id,
                id,
                CONTENT_SIZE,
                author.id());
        assertThat(stored).isEqualTo(EDITS);
        return new EditedPost(author, id, at);
    }

    private Response history(String query) {
        return api.get("/api/v1/posts/" + postId + "/history" + query, creator.token());
    }

    private Response asOf(Instant instant) {
        return api.get("/api/v1/posts/" + postId + "?as_of=" + instant, creator.token());
    }

    private Instant editedAt(int edit) {
        return createdAt.plusMillis(edit);
    }

    @Test
    void historyPagesThroughAllEditsWithTheirTotal() {
        Response first = history("?limit=1");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.header("X-Total-Count")).contains(String.valueOf(EDITS + 1));
        assertThat(first.body()).hasSize(1);
        assertThat(first.body().get(0).path("sequence").asLong()).isZero();
        assertThat(first.body().get(0).path("event_type").asText()).isEqualTo("PostCreated");

        Response middle = history("?limit=2&offset=150");
        assertThat(middle.body()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode entry = middle.body().get(i);
            assertThat(entry.path("sequence").asLong()).isEqualTo(150 + i);
            assertThat(entry.path("event_type").asText()).isEqualTo("PostUpdated");
            assertThat(entry.path("actor_id").asText()).isEqualTo(creator.id());
            assertThat(entry.path("data").path("title").asText()).isEqualTo("edit " + (150 + i));
            assertThat(entry.path("data").path("content").asText())
                    .startsWith("edit-" + (150 + i) + ":")
                    .hasSize(CONTENT_SIZE);
        }

        Response last = history("?limit=100&offset=250");
        assertThat(last.body()).hasSize(EDITS + 1 - 250);
        assertThat(last.body().get(0).path("sequence").asLong()).isEqualTo(250);
        assertThat(last.body().get(EDITS - 250).path("data").path("title").asText())
                .isEqualTo("edit " + EDITS);

        Response beyond = history("?offset=" + (EDITS + 1));
        assertThat(beyond.status()).isEqualTo(200);
        assertThat(beyond.body()).isEmpty();
        assertThat(beyond.header("X-Total-Count")).contains(String.valueOf(EDITS + 1));
    }

    @Test
    void asOfFoldsUpToAnyEditOfALongStream() {
        Response original = asOf(createdAt);
        assertThat(original.status()).as(original.toString()).isEqualTo(200);
        assertThat(original.text("title")).isEqualTo("edit 0");
        assertThat(original.text("content")).isEqualTo("original");

        for (int edit : new int[] {1, 150, 299, EDITS}) {
            Response then = asOf(editedAt(edit));
            assertThat(then.status()).as(then.toString()).isEqualTo(200);
            assertThat(then.text("title")).isEqualTo("edit " + edit);
            assertThat(then.text("content")).startsWith("edit-" + edit + ":").hasSize(CONTENT_SIZE);
            assertThat(Instant.parse(then.text("updated_at"))).isEqualTo(editedAt(edit));
            assertThat(Instant.parse(then.text("created_at"))).isEqualTo(createdAt);
            assertThat(then.text("status")).isEqualTo("draft");
        }
    }

    @Test
    void theStoredEditsAreThePostsOwnAndItStillTakesCommands() {
        EditedPost own = newPostWithManyLargeEdits();
        Response updated = api.put(
                "/api/v1/posts/" + own.postId(),
                Map.of("title", "after"),
                own.creator().token());
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.text("content")).startsWith("edit-" + EDITS + ":");
        Response history = api.get(
                "/api/v1/posts/" + own.postId() + "/history?offset=" + (EDITS + 1),
                own.creator().token());
        assertThat(history.header("X-Total-Count")).contains(String.valueOf(EDITS + 2));
        assertThat(history.body().get(0).path("data").path("title").asText()).isEqualTo("after");
    }

    @Test
    void aPageOfHistoryReadsOnlyThatPage() {
        Allocation page = allocatedBy(() -> history("?limit=1"));
        assertThat(page.response().status()).isEqualTo(200);
        assertThat(page.bytes()).as("bytes allocated for one page").isLessThan(FEW_EVENTS_BYTES);

        Allocation lastPage = allocatedBy(() -> history("?limit=3&offset=" + (EDITS - 2)));
        assertThat(lastPage.response().body()).hasSize(3);
        assertThat(lastPage.bytes()).as("bytes allocated for the last page").isLessThan(FEW_EVENTS_BYTES);
    }

    @Test
    void aPastVersionReadsNoEventAfterItsInstant() {
        Allocation early = allocatedBy(() -> asOf(editedAt(3)));
        assertThat(early.response().text("title")).isEqualTo("edit 3");
        assertThat(early.bytes()).as("bytes allocated up to edit 3").isLessThan(FEW_EVENTS_BYTES);

        // The measure sees a whole stream: the latest version folds every edit, so it allocates at least their size.
        Allocation latest = allocatedBy(() -> asOf(editedAt(EDITS)));
        assertThat(latest.response().text("title")).isEqualTo("edit " + EDITS);
        assertThat(latest.bytes()).as("bytes allocated up to the last edit").isGreaterThan(STREAM_BYTES);
    }

    record Allocation(Response response, long bytes) {}

    /** The answer to {@code request} and the bytes the server's request threads allocated meanwhile. */
    private static Allocation allocatedBy(Supplier<Response> request) {
        Map<Long, Long> before = requestThreadAllocations();
        Response response = request.get();
        long bytes = 0;
        for (Map.Entry<Long, Long> thread : requestThreadAllocations().entrySet()) {
            bytes += thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
        }
        return new Allocation(response, bytes);
    }

    /** Bytes allocated so far by each of Tomcat's request threads ({@code http-nio-...-exec-N}), by thread id. */
    private static Map<Long, Long> requestThreadAllocations() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Map<Long, Long> allocated = new HashMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("http-nio-") && thread.getName().contains("-exec-")) {
                allocated.put(thread.getId(), threads.getThreadAllocatedBytes(thread.getId()));
            }
        }
        assertThat(allocated).as("Tomcat request threads").isNotEmpty();
        return allocated;
    }
}
