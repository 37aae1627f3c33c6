package dev.platform.query.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platform.api.post.PostCreated;
import dev.platform.api.post.PostId;
import dev.platform.api.post.PostPublished;
import dev.platform.api.post.PostUnpublished;
import dev.platform.api.post.PostUpdated;
import dev.platform.api.user.UserId;
import dev.platform.app.EndToEndTest;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The posts projection under redelivery, against the application's PostgreSQL: an event handled again (a
 * stolen claim, a retried batch) changes nothing, and an event for a missing row fails instead of being
 * skipped, so it parks in the dead-letter queue.
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
}
