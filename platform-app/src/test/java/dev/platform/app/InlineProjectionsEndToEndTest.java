package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import dev.platform.infra.axon.InlineProjections;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The all-in-one application applies the read models a write waits for in the write's own transaction
 * ({@code InlineProjections}): the answer needs no wait, the stored event names the groups that applied it, a row
 * the table refuses in the command's first attempt (without savepoints) rolls that attempt back and the command is
 * handled again, and a row refused in that second attempt too parks its event in the write's transaction while the
 * write commits, to be applied by the dead-letter retry like any parked event.
 */
class InlineProjectionsEndToEndTest extends EndToEndTest {

    @Autowired
    InlineProjections inline;

    private String url;

    @BeforeEach
    void database() {
        url = TestDatabase.sharedUrl();
    }

    @Test
    void aWriteIsInItsReadModelsWhenItAnswersAndItsEventNamesTheGroupsThatAppliedIt() {
        TestUser creator = api.newUser("creator");
        Response created = api.post("/api/v1/posts", Map.of("title", "inline", "content", "x"), creator.token());
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("X-Read-Model")).isEmpty();
        // The process now counts as writing inline (for a second): its inline groups' processors look for events
        // every interval instead of being woken by each read of the store's head.
        assertThat(inline.writingInline("posts")).isTrue();
        assertThat(inline.writingInline("notification-audience")).isFalse();
        String id = created.text("id");
        assertThat(Sql.number(url, "SELECT count(*) FROM post_view WHERE id = ?::uuid", id))
                .isEqualTo(1);
        // notification-audience is not inline and a creation does not wait for it: it follows in its own thread.
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        Sql.number(url, "SELECT count(*) FROM notification_post WHERE post_id = ?::uuid", id) == 1);
        String metadata = Sql.rows(
                        url,
                        "SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ?",
                        id)
                .get(0);
        assertThat(metadata).contains("\"appliedInline\":\"posts,users,comments,subscriptions\"");

        new ProjectionAdmin(api, api.login(ADMIN_EMAIL, ADMIN_PASSWORD)).awaitCaughtUp("posts");
        assertThat(Sql.number(url, "SELECT version FROM post_view WHERE id = ?::uuid", id))
                .isZero();
        assertThat(Sql.number(url, "SELECT count(*) FROM dead_letter_entry WHERE aggregate_identifier = ?", id))
                .isZero();
    }

    @Test
    void aRowRefusedOnceIsAppliedInlineByTheCommandsSecondAttemptAndTheEventIsStoredOnce() {
        TestUser creator = api.newUser("creator");
        String title = "inline fault once " + UUID.randomUUID();
        String faults = Sql.failRows(url, "post_view", "title", title, 1);

        Response created = api.createPost(creator, Map.of("title", title, "content", "x"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.text("id");
        // The first attempt (no savepoints) was refused and rolled back whole; the second, each handler in a
        // savepoint, wrote the row before the answer.
        assertThat(Sql.number(url, "SELECT last_value FROM " + faults)).isEqualTo(2);
        assertThat(Sql.number(url, "SELECT count(*) FROM post_view WHERE id = ?::uuid", id))
                .isEqualTo(1);
        assertThat(Sql.number(url, "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", id))
                .isEqualTo(1);
        assertThat(Sql.number(url, "SELECT count(*) FROM dead_letter_entry WHERE aggregate_identifier = ?", id))
                .isZero();
        assertThat(api.get("/api/v1/posts/" + id, creator.token()).status()).isEqualTo(200);
    }

    @Test
    void aRowTheTableRefusesTwiceParksItsEventInTheWritesTransactionAndTheRetryAppliesIt() {
        TestUser creator = api.newUser("creator");
        String title = "inline fault " + UUID.randomUUID();
        String faults = Sql.failRows(url, "post_view", "title", title, 2);

        Response created = api.createPost(creator, Map.of("title", title, "content", "x"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.text("id");
        assertThat(Sql.number(url, "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", id))
                .isEqualTo(1);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/api/v1/posts/" + id, creator.token()).status() == 200);
        // The command's two attempts (the second refused too, parked with the write's commit), then the retry of the
        // parked event.
        assertThat(Sql.number(url, "SELECT last_value FROM " + faults)).isEqualTo(3);
        assertThat(Sql.number(url, "SELECT count(*) FROM dead_letter_entry WHERE aggregate_identifier = ?", id))
                .isZero();
    }

    @Test
    void aCommandSideTableThatRefusesItsRowFailsTheWriteAndStoresNothing() {
        TestUser creator = api.newUser("creator");
        // post_state is written at the commit with the post's other rows: refused in both attempts.
        String faults = Sql.failRows(url, "post_state", "creator_id", creator.id(), 2);

        Response created = api.createPost(creator, Map.of("title", "refused", "content", "x"));

        assertThat(created.status()).isEqualTo(500);
        assertThat(Sql.number(url, "SELECT last_value FROM " + faults)).isEqualTo(2);
        assertThat(Sql.number(
                        url,
                        "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%PostCreated'"
                                + " AND convert_from(payload, 'UTF8') LIKE ?",
                        "%" + creator.id() + "%"))
                .isZero();
        assertThat(Sql.number(url, "SELECT count(*) FROM post_view WHERE creator_id = ?::uuid", creator.id()))
                .isZero();
        assertThat(Sql.number(url, "SELECT count(*) FROM post_state WHERE creator_id = ?::uuid", creator.id()))
                .isZero();
    }

    @Test
    void aCommentsRowRefusedAtTheCommitOfTheFirstAttemptIsWrittenByTheSecondAtItsEventsPosition() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPublishedPost(creator);
        String content = "refused once " + UUID.randomUUID();
        String faults = Sql.failRows(url, "comment_view", "content", content, 1);

        Response comment = api.comment(postId, reader, content);

        assertThat(comment.status()).isEqualTo(201);
        String id = comment.text("id");
        assertThat(Sql.number(url, "SELECT last_value FROM " + faults)).isEqualTo(2);
        assertThat(Sql.number(url, "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", id))
                .isEqualTo(1);
        assertThat(storedAtItsEventsPosition(id)).isTrue();
        assertThat(Sql.number(url, "SELECT count(*) FROM dead_letter_entry WHERE aggregate_identifier = ?", id))
                .isZero();
    }

    @Test
    void aCommentWrittenInlineStoresItsEventsPosition() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPublishedPost(creator);

        Response comment = api.comment(postId, reader, "first");

        assertThat(comment.status()).isEqualTo(201);
        assertThat(storedAtItsEventsPosition(comment.text("id"))).isTrue();
    }

    /** Whether the comment's row is there, its position that of its event in the store. */
    private boolean storedAtItsEventsPosition(String commentId) {
        return Sql.number(
                        url,
                        "SELECT count(*) FROM comment_view c JOIN domain_event_entry e"
                                + " ON e.aggregate_identifier = c.id::text AND e.global_index = c.event_position"
                                + " WHERE c.id = ?::uuid",
                        commentId)
                == 1;
    }
}
