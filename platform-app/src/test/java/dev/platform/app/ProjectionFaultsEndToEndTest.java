package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import dev.platform.infra.axon.InlineProjections;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A projection never stops on one event. Faults are injected into the real database: a trigger that refuses a
 * row (a fixed number of times, counted by a sequence, which no rollback undoes), an event with a NUL written
 * straight into the event store, and {@code pg_terminate_backend} on the connection of a batch in flight. Each
 * heals by itself, and the events after the faulty one are projected meanwhile.
 */
class ProjectionFaultsEndToEndTest extends EndToEndTest {

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

    private String url;
    private String admin;

    @BeforeEach
    void setUp() {
        url = TestDatabase.sharedUrl();
        admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    @Test
    void aPostWhoseRowFailsTwiceIsProjectedByItselfAndLaterPostsAreNotHeldBack() {
        TestUser creator = api.newUser("creator");
        String title = "fault " + UUID.randomUUID();
        // Fails the batch at its commit, then the event handled on its own: it parks, and its retry succeeds.
        String faults = failRows("post_view", "title", title, 2);

        Response created = api.post("/api/v1/posts", Map.of("title", title, "content", "x"), creator.token());
        assertThat(created.status()).isEqualTo(201);
        String faulty = created.text("id");

        String later = api.newPost(creator, "after the fault", "y");
        assertThat(api.get("/api/v1/posts/" + later, creator.token()).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/api/v1/posts/" + faulty, creator.token()).status() == 200);
        assertThat(Sql.number(url, "SELECT last_value FROM " + faults)).isEqualTo(3);
        assertThat(parked(faulty)).isZero();
        new ProjectionAdmin(api, admin).awaitCaughtUp("posts");
    }

    @Test
    void aUserWhoseRowFailsIsParkedAloneAndAppliedOnRetry() {
        String username = "f_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        // A refused statement aborts the PostgreSQL transaction: the batch fails even though the handler's failure
        // is caught, and only the event-by-event retry of the batch parks it.
        String faults = failRows("user_view", "username", username, 2);
        String password = "password-" + username;
        Response registered = api.post(
                "/api/v1/users/register",
                Map.of(
                        "email",
                        username + "@example.com",
                        "password",
                        password,
                        "username",
                        username,
                        "role",
                        "reader"),
                null);
        assertThat(registered.status()).isEqualTo(201);
        TestUser other = api.newUser("reader");
        assertThat(api.get("/api/v1/users/" + other.id(), other.token()).status())
                .isEqualTo(200);

        String token = api.login(username + "@example.com", password);
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        api.get("/api/v1/users/" + registered.text("id"), token).status() == 200);
        assertThat(Sql.number(url, "SELECT last_value FROM " + faults)).isEqualTo(3);
        assertThat(parked(registered.text("id"))).isZero();
    }

    @Test
    void anEventWithANulFromBeforeTheInputRuleIsProjectedWithoutIt() {
        TestUser creator = api.newUser("creator");
        String post = UUID.randomUUID().toString();
        Instant now = Instant.now();
        Sql.update(
                url,
                "INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,"
                        + " time_stamp, payload_type, payload, meta_data) VALUES (?, ?, 0, 'Post', ?,"
                        + " 'dev.platform.api.post.PostCreated', convert_to(?, 'UTF8'), convert_to('{}', 'UTF8'))",
                UUID.randomUUID().toString(),
                post,
                now.toString(),
                "{\"postId\":\"" + post + "\",\"creatorId\":\"" + creator.id()
                        + "\",\"title\":\"nul\\u0000title\",\"content\":\"a\\u0000b\",\"createdAt\":\"" + now + "\"}");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> Sql.number(url, "SELECT count(*) FROM post_view WHERE id = ?::uuid", post) == 1);
        assertThat(Sql.rows(url, "SELECT title, content FROM post_view WHERE id = ?::uuid", post))
                .containsExactly("nultitle|ab");
        String later = api.newPost(creator, "after the NUL", "fine");
        Response read = api.get("/api/v1/posts/" + later, creator.token());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("X-Read-Model")).isEmpty();
        assertThat(parked(post)).isZero();
    }

    @Test
    void aBatchWhoseConnectionIsTerminatedResumesByItself() throws Exception {
        TestUser creator = api.newUser("creator");
        String title = "slow " + UUID.randomUUID();
        String once = "fault_" + UUID.randomUUID().toString().replace("-", "");
        Sql.update(url, "CREATE SEQUENCE " + once);
        // The first write of this row sleeps inside the batch's transaction, long enough to be terminated.
        Sql.update(
                url,
                "CREATE FUNCTION " + once + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " IF NEW.title = '" + title + "' AND nextval('" + once + "') = 1 THEN"
                        + " PERFORM pg_sleep(30); END IF; RETURN NEW; END $$");
        Sql.update(
                url,
                "CREATE TRIGGER " + once + " BEFORE INSERT ON post_view FOR EACH ROW EXECUTE FUNCTION " + once + "()");
        try {
            CompletableFuture<Response> creating = CompletableFuture.supplyAsync(
                    () -> api.post("/api/v1/posts", Map.of("title", title, "content", "x"), creator.token()));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> Sql.number(
                                    url,
                                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                                            + " AND wait_event = 'PgSleep'")
                            == 1);
            assertThat(Sql.number(
                            url,
                            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                                    + " WHERE datname = current_database() AND wait_event = 'PgSleep'"))
                    .isEqualTo(1);
            Response created = creating.get();
            assertThat(created.status()).isEqualTo(201);

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> api.get("/api/v1/posts/" + created.text("id"), creator.token())
                                    .status()
                            == 200);
            String later = api.newPost(creator, "after the cut", "y");
            assertThat(api.get("/api/v1/posts/" + later, creator.token()).status())
                    .isEqualTo(200);
            assertThat(parked(created.text("id"))).isZero();
        } finally {
            Sql.update(url, "DROP TRIGGER " + once + " ON post_view");
        }
    }

    @Test
    void theAdminListsRetriesAndDropsParkedEvents() {
        TestUser creator = api.newUser("creator");
        String title = "parked " + UUID.randomUUID();
        String faults = failRows("post_view", "title", title, Integer.MAX_VALUE);
        String post = api.post("/api/v1/posts", Map.of("title", title, "content", "x"), creator.token())
                .text("id");
        // Three failed retries: the next automatic one is at least 4 s away (1 s doubling).
        await().atMost(Duration.ofSeconds(30)).until(() -> failures(post) >= 3);

        Response list = api.get("/api/v1/admin/dead-letters?limit=100", admin);
        assertThat(list.status()).isEqualTo(200);
        assertThat(Long.parseLong(list.header("X-Total-Count").orElseThrow())).isGreaterThanOrEqualTo(1);
        JsonNode letter = letterOf(list.body(), post);
        assertThat(letter.path("processing_group").asText()).isEqualTo("posts");
        assertThat(letter.path("event_type").asText()).isEqualTo("PostCreated");
        assertThat(letter.path("aggregate_sequence").asLong()).isZero();
        assertThat(letter.path("cause_message").asText()).contains("injected fault");
        assertThat(letter.path("next_attempt_at").isTextual()).isTrue();
        assertThat(letter.path("enqueued_at").isTextual()).isTrue();
        assertThat(letter.path("last_touched").isTextual()).isTrue();
        assertThat(new ProjectionAdmin(api, admin)
                        .status("posts")
                        .path("dead_letters")
                        .asLong())
                .isGreaterThanOrEqualTo(1);
        String id = letter.path("id").asText();

        Response again = api.request("POST", "/api/v1/admin/dead-letters/" + id + "/retry")
                .token(admin)
                .send();
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.body().path("resolved").asBoolean()).isFalse();
        assertThat(again.body().path("letter").path("failures").asInt()).isGreaterThanOrEqualTo(4);

        Sql.update(url, "DROP TRIGGER " + faults + " ON post_view");
        Response fixed = api.request("POST", "/api/v1/admin/dead-letters/" + id + "/retry")
                .token(admin)
                .send();
        assertThat(fixed.status()).as(fixed.toString()).isEqualTo(200);
        assertThat(fixed.body().path("resolved").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/posts/" + post, creator.token()).status()).isEqualTo(200);
        Api.assertRefused(
                api.request("POST", "/api/v1/admin/dead-letters/" + id + "/retry")
                        .token(admin)
                        .send(),
                404,
                "NOT_FOUND");
    }

    @Test
    void theAdminDropsAParkedEventAndOnlyTheAdminMay() {
        TestUser creator = api.newUser("creator");
        String title = "dropped " + UUID.randomUUID();
        String faults = failRows("post_view", "title", title, Integer.MAX_VALUE);
        try {
            String post = api.post("/api/v1/posts", Map.of("title", title, "content", "x"), creator.token())
                    .text("id");
            await().atMost(Duration.ofSeconds(30)).until(() -> parked(post) == 1);
            String id = Sql.rows(
                            url, "SELECT dead_letter_id FROM dead_letter_entry WHERE aggregate_identifier = ?", post)
                    .get(0);

            Api.assertRefused(api.get("/api/v1/admin/dead-letters", creator.token()), 403, "FORBIDDEN");
            Api.assertRefused(
                    api.request("DELETE", "/api/v1/admin/dead-letters/" + id)
                            .token(creator.token())
                            .send(),
                    403,
                    "FORBIDDEN");
            assertThat(parked(post)).isEqualTo(1);

            Response dropped = api.request("DELETE", "/api/v1/admin/dead-letters/" + id)
                    .token(admin)
                    .send();
            assertThat(dropped.status()).isEqualTo(204);
            assertThat(parked(post)).isZero();
            Api.assertRefused(
                    api.request("DELETE", "/api/v1/admin/dead-letters/" + id)
                            .token(admin)
                            .send(),
                    404,
                    "NOT_FOUND");
        } finally {
            Sql.update(url, "DROP TRIGGER " + faults + " ON post_view");
        }
    }

    @Test
    void aParkedSubscriptionDoesNotHoldBackItsCreatorsEmails() {
        TestUser creator = api.newUser("creator");
        TestUser blocked = api.newUser("reader");
        TestUser reader = api.newUser("reader");
        String faults = failRows("notification_subscriber", "subscriber_id::text", blocked.id(), Integer.MAX_VALUE);
        try {
            subscribe(blocked, creator);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Sql.number(
                                    url,
                                    "SELECT count(*) FROM dead_letter_entry WHERE processing_group ="
                                            + " 'notification-audience'"
                                            + " AND convert_from(payload, 'UTF8') LIKE ?",
                                    "%" + blocked.id() + "%")
                            == 1);
            subscribe(reader, creator);
            String post = api.newPost(creator, "news " + UUID.randomUUID(), "body");
            assertThat(api.publish(post, creator).status()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> TestMail.about(post).size() == 1);
            assertThat(TestMail.to(reader.email())).hasSize(1);
            assertThat(TestMail.to(blocked.email())).isEmpty();
        } finally {
            Sql.update(url, "DROP TRIGGER " + faults + " ON notification_subscriber");
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Sql.number(
                                url,
                                "SELECT count(*) FROM notification_subscriber WHERE subscriber_id = ?::uuid",
                                blocked.id())
                        == 1);
    }

    private void subscribe(TestUser subscriber, TestUser creator) {
        Response subscribed = api.request("POST", "/api/v1/creators/" + creator.id() + "/subscribe")
                .token(subscriber.token())
                .send();
        assertThat(subscribed.status()).isEqualTo(201);
    }

    /**
     * A trigger that refuses writes of rows whose {@code column} is {@code value}, {@code times} times; the
     * trigger, its function and its counting sequence share the returned name.
     */
    private String failRows(String table, String column, String value, int times) {
        return Sql.failRows(url, table, column, value, times);
    }

    private long parked(String aggregateId) {
        return Sql.number(url, "SELECT count(*) FROM dead_letter_entry WHERE aggregate_identifier = ?", aggregateId);
    }

    private int failures(String aggregateId) {
        JsonNode letter =
                letterOf(api.get("/api/v1/admin/dead-letters?limit=100", admin).body(), aggregateId);
        return letter == null ? 0 : letter.path("failures").asInt();
    }

    private static JsonNode letterOf(JsonNode letters, String aggregateId) {
        for (JsonNode letter : letters) {
            if (letter.path("aggregate_id").asText().equals(aggregateId)) {
                return letter;
            }
        }
        return null;
    }
}
