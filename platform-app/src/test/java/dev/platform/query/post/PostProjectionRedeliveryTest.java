package dev.platform.query.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.platform.api.post.PostCreated;
import dev.platform.api.post.PostId;
import dev.platform.api.post.PostPublished;
import dev.platform.api.post.PostUnpublished;
import dev.platform.api.post.PostUpdated;
import dev.platform.api.user.UserId;
import dev.platform.app.EndToEndTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The posts projection under redelivery, against the application's PostgreSQL: an event handled again (a
 * stolen claim, a retried batch) changes nothing, and an event for a missing row fails instead of being
 * skipped, so it parks in the dead-letter queue, also when it arrives in one batch with other posts' events.
 */
class PostProjectionRedeliveryTest extends EndToEndTest {

    private static final Instant T0 = Instant.parse("2026-11-25T18:00:00.000Z");
    private static final Instant T1 = Instant.parse("2026-11-25T18:01:00.000Z");
    private static final Instant T2 = Instant.parse("2026-11-25T18:02:00.000Z");
    private static final Instant T3 = Instant.parse("2026-11-25T18:03:00.000Z");

    @Autowired
    PostProjection projection;

    @Autowired
    JdbcTemplate jdbc;

    private Map<String, Object> row(PostId id) {
        return jdbc.queryForMap(
                "SELECT title, content, status, published_at, updated_at, version FROM post_view WHERE id = ?",
                id.value());
    }

    @Test
    void eventsHandledAgainChangeNothing() {
        PostId id = new PostId(UUID.randomUUID());
        UserId creator = new UserId(UUID.randomUUID());
        PostCreated created = new PostCreated(id, creator, "Title", "Body", T0);
        PostUpdated edited = new PostUpdated(id, "Edited", "Body", T1);
        PostPublished published = new PostPublished(id, creator, "Edited", "Body", T2);
        PostUnpublished unpublished = new PostUnpublished(id, creator, T3);
        projection.on(created, 0);
        projection.on(edited, 1);
        projection.on(published, 2);
        projection.on(unpublished, 3);
        Map<String, Object> settled = row(id);

        projection.on(new PostCreated(id, creator, "Other", "Other", T3), 0);
        projection.on(edited, 1);
        projection.on(published, 2);
        projection.on(unpublished, 3);

        assertThat(row(id)).isEqualTo(settled);
        assertThat(settled.get("title")).isEqualTo("Edited");
        assertThat(settled.get("status")).isEqualTo("draft");
        assertThat(settled.get("published_at")).isNull();
        assertThat(settled.get("version")).isEqualTo(3L);
    }

    @Test
    void anEventForAMissingRowFails() {
        PostId missing = new PostId(UUID.randomUUID());
        UserId creator = new UserId(UUID.randomUUID());

        assertThatThrownBy(() -> projection.on(new PostUpdated(missing, "T", "C", T1), 1))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> projection.on(new PostPublished(missing, creator, "T", "C", T1), 1))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> projection.on(new PostUnpublished(missing, creator, T1), 1))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFailingEventParksAloneWhileTheRestOfItsBatchIsWritten() {
        PostId post = new PostId(UUID.randomUUID());
        PostId missing = sameSegment(post);
        UUID creator = UUID.randomUUID();
        // One statement, one commit: the processor reads the four events together, in this order.
        jdbc.update("INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,"
                + " time_stamp, payload_type, payload, meta_data) VALUES "
                + event(
                        post,
                        0,
                        "PostCreated",
                        "{\"postId\":\"" + post + "\",\"creatorId\":\"" + creator
                                + "\",\"title\":\"Title\",\"content\":\"Body\",\"createdAt\":\"" + T0 + "\"}")
                + ", "
                + event(
                        missing,
                        1,
                        "PostUpdated",
                        "{\"postId\":\"" + missing + "\",\"title\":\"T\",\"content\":\"C\",\"updatedAt\":\"" + T1
                                + "\"}")
                + ", "
                + event(
                        post,
                        1,
                        "PostUpdated",
                        "{\"postId\":\"" + post + "\",\"title\":\"Edited\",\"content\":\"Body\",\"updatedAt\":\"" + T1
                                + "\"}")
                + ", "
                + event(
                        post,
                        2,
                        "PostPublished",
                        "{\"postId\":\"" + post + "\",\"creatorId\":\"" + creator
                                + "\",\"title\":\"Edited\",\"content\":\"Body\",\"publishedAt\":\"" + T2 + "\"}"));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM dead_letter_entry WHERE processing_group = 'posts'"
                                        + " AND sequence_identifier = ?",
                                Long.class,
                                missing.toString())
                        == 1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM post_view WHERE id = ? AND version = 2", Long.class, post.value())
                        == 1);
        Map<String, Object> row = row(post);
        assertThat(row.get("title")).isEqualTo("Edited");
        assertThat(row.get("status")).isEqualTo("published");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM dead_letter_entry WHERE sequence_identifier = ?",
                        Long.class,
                        post.toString()))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM post_view WHERE id = ?", Long.class, missing.value()))
                .isZero();
    }

    /** A post id the processor's two segments assign to the same segment as {@code post}'s (the hash's low bit). */
    private static PostId sameSegment(PostId post) {
        while (true) {
            PostId other = new PostId(UUID.randomUUID());
            if ((Objects.hashCode(other.toString()) & 1) == (Objects.hashCode(post.toString()) & 1)) {
                return other;
            }
        }
    }

    private static String event(PostId post, long sequence, String type, String payload) {
        return "('" + UUID.randomUUID() + "', '" + post + "', " + sequence + ", 'Post', '" + T0 + "',"
                + " 'dev.platform.api.post." + type + "', convert_to('" + payload + "', 'UTF8'),"
                + " convert_to('{}', 'UTF8'))";
    }
}
