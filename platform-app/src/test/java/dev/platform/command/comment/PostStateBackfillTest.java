package dev.platform.command.comment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.app.TestDatabase;
import dev.platform.infra.db.SchemaModule;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The migration that creates {@code post_state} fills it from the event store for posts stored before it existed
 * (their later events mend a row anyway, but a post nobody touches again must take comments too). Runs the
 * migrations as the application does, on a database of its own, over events in the stored JSON format.
 */
class PostStateBackfillTest {

    private static final String CREATED = "dev.platform.api.post.PostCreated";
    private static final String PUBLISHED = "dev.platform.api.post.PostPublished";
    private static final String UNPUBLISHED = "dev.platform.api.post.PostUnpublished";
    private static final String UPDATED = "dev.platform.api.post.PostUpdated";

    private final DriverManagerDataSource dataSource =
            new DriverManagerDataSource(TestDatabase.create("backfill"), TestDatabase.user(), TestDatabase.password());
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);

    private void migrate(String module) {
        SchemaModule schema = new SchemaModule(module, 0);
        Flyway.configure()
                .dataSource(dataSource)
                .locations(schema.location())
                .table(schema.historyTable())
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    private void event(UUID post, long sequence, String type, String json) {
        jdbc.update(
                "INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,"
                        + " time_stamp, payload_type, payload) VALUES (?, ?, ?, 'Post', '2026-01-01T00:00:00Z', ?, ?)",
                UUID.randomUUID().toString(),
                post.toString(),
                sequence,
                type,
                json.getBytes(StandardCharsets.UTF_8));
    }

    private void created(UUID post, UUID creator) {
        event(
                post,
                0,
                CREATED,
                "{\"postId\":\"" + post + "\",\"creatorId\":\"" + creator
                        + "\",\"title\":\"T\",\"content\":\"C\",\"createdAt\":\"2026-01-01T00:00:00Z\"}");
    }

    private void status(UUID post, long sequence, String type, UUID creator) {
        String at = type.equals(PUBLISHED) ? "publishedAt" : "unpublishedAt";
        String text = type.equals(PUBLISHED) ? ",\"title\":\"T\",\"content\":\"C\"" : "";
        event(
                post,
                sequence,
                type,
                "{\"postId\":\"" + post + "\",\"creatorId\":\"" + creator + "\"" + text + ",\"" + at
                        + "\":\"2026-01-01T00:00:00Z\"}");
    }

    @Test
    void postsStoredBeforeTheTableGetTheirCreatorAndTheirLatestStatus() {
        migrate("axon");
        UUID creator = UUID.randomUUID();
        UUID draft = UUID.randomUUID();
        UUID published = UUID.randomUUID();
        UUID unpublished = UUID.randomUUID();
        UUID republishedAndEdited = UUID.randomUUID();
        created(draft, creator);
        created(published, creator);
        status(published, 1, PUBLISHED, creator);
        created(unpublished, creator);
        status(unpublished, 1, PUBLISHED, creator);
        status(unpublished, 2, UNPUBLISHED, creator);
        created(republishedAndEdited, creator);
        status(republishedAndEdited, 1, PUBLISHED, creator);
        status(republishedAndEdited, 2, UNPUBLISHED, creator);
        status(republishedAndEdited, 3, PUBLISHED, creator);
        event(republishedAndEdited, 4, UPDATED, "{\"postId\":\"" + republishedAndEdited + "\"}");

        migrate("command");

        List<Map<String, Object>> rows = jdbc.queryForList("SELECT post_id, creator_id, published FROM post_state");
        assertThat(rows).hasSize(4);
        assertThat(rows).allSatisfy(row -> assertThat(row.get("creator_id")).isEqualTo(creator));
        Map<Object, Object> publishedByPost = new HashMap<>();
        rows.forEach(row -> publishedByPost.put(row.get("post_id"), row.get("published")));
        assertThat(publishedByPost)
                .containsEntry(draft, false)
                .containsEntry(published, true)
                .containsEntry(unpublished, false)
                .containsEntry(republishedAndEdited, true);
    }
}
