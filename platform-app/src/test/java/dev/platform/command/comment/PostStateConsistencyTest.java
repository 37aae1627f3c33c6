package dev.platform.command.comment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import dev.platform.app.EndToEndTest;
import dev.platform.app.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The command side's {@code post_state}, which decides whether a post takes comments, against the application's
 * PostgreSQL. It is written in the transaction that stores the post's event (a failure there stores neither).
 * A comment racing a change of its post's status is made deterministic: another transaction (what a publication
 * or unpublication on another node does before it commits) holds the post's row changed; the comment must wait
 * for it and then decide on what it committed, never on the state it replaced.
 */
class PostStateConsistencyTest extends EndToEndTest {

    @Autowired
    JdbcTemplate jdbc;

    private String publishedPost(TestUser creator) {
        String postId = api.newPost(creator, "Racing", "Body");
        Response published = api.publish(postId, creator);
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        return postId;
    }

    private CompletableFuture<Response> commentLater(String postId, TestUser author) {
        return CompletableFuture.supplyAsync(() ->
                api.post("/api/v1/posts/" + postId + "/comments", Map.of("content", "In the race"), author.token()));
    }

    /** Whether a session of this database waits for a row lock while reading a post's state for a comment. */
    private boolean aCommentWaitsForThePost() {
        Integer waiting = jdbc.queryForObject(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND wait_event_type = 'Lock' AND query LIKE '%FROM post_state%FOR SHARE%'",
                Integer.class);
        return waiting != null && waiting > 0;
    }

    private static Connection otherTransaction() throws Exception {
        Connection connection =
                DriverManager.getConnection(TestDatabase.sharedUrl(), TestDatabase.user(), TestDatabase.password());
        connection.setAutoCommit(false);
        return connection;
    }

    private static void setPublished(Connection connection, String postId, boolean published) throws Exception {
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE post_state SET published = ? WHERE post_id = ?")) {
            update.setBoolean(1, published);
            update.setObject(2, UUID.fromString(postId));
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void aPostStateThatCannotBeWrittenStoresNoPostEvent() {
        TestUser creator = api.newUser("creator");
        String constraint = "refuse_" + creator.id().replace("-", "");
        jdbc.execute("ALTER TABLE post_state ADD CONSTRAINT " + constraint + " CHECK (creator_id <> '" + creator.id()
                + "')");
        try {
            Long before = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);

            Response r = api.post("/api/v1/posts", Map.of("title", "Doomed", "content", "Body"), creator.token());

            assertThat(r.status()).as(r.toString()).isEqualTo(500);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class))
                    .isEqualTo(before);
            Response list = api.get("/api/v1/creators/" + creator.id() + "/posts", creator.token());
            assertThat(list.header("X-Total-Count")).contains("0");
        } finally {
            jdbc.execute("ALTER TABLE post_state DROP CONSTRAINT " + constraint);
        }
    }

    @Test
    void aCommentWaitsForAnUnpublicationInFlightAndIsRefusedOnceItCommits() throws Exception {
        TestUser creator = api.newUser("creator");
        String postId = publishedPost(creator);
        try (Connection unpublication = otherTransaction()) {
            setPublished(unpublication, postId, false);

            CompletableFuture<Response> comment = commentLater(postId, creator);
            await().atMost(Duration.ofSeconds(30)).until(this::aCommentWaitsForThePost);
            assertThat(comment).isNotDone();
            unpublication.commit();

            Response r = comment.get(30, TimeUnit.SECONDS);
            assertThat(r.status()).as(r.toString()).isEqualTo(409);
            assertThat(r.code()).isEqualTo("POST_NOT_PUBLISHED");

            // Back to what the event store says (the post was never really unpublished).
            setPublished(unpublication, postId, true);
            unpublication.commit();
        }
    }

    @Test
    void aCommentWaitsForAStatusChangeInFlightAndIsAcceptedWhenItRollsBack() throws Exception {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = publishedPost(creator);
        try (Connection unpublication = otherTransaction()) {
            setPublished(unpublication, postId, false);

            CompletableFuture<Response> comment = commentLater(postId, reader);
            await().atMost(Duration.ofSeconds(30)).until(this::aCommentWaitsForThePost);
            assertThat(comment).isNotDone();
            unpublication.rollback();

            Response r = comment.get(30, TimeUnit.SECONDS);
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
        }
    }
}
