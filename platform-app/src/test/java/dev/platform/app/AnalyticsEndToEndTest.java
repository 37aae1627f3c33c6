package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The contract's "Analytics": post views through RabbitMQ into the analytics table and {@code view_count}
 * (which may lag: Awaitility), {@code GET /posts/{id}/stats} for each kind of caller, idempotent consumption,
 * view counts surviving a rebuild of the posts projection, and reads staying 200 and fast without RabbitMQ.
 */
class AnalyticsEndToEndTest extends EndToEndTest {

    private static final Duration LAG = Duration.ofSeconds(20);

    @Autowired
    JdbcTemplate jdbc;

    // ---------------------------------------------------------------- helpers

    private String publishedPost(TestUser creator) {
        String postId = draft(creator);
        assertThat(api.publish(postId, creator).status()).isEqualTo(200);
        return postId;
    }

    private String draft(TestUser creator) {
        return api.newPost(creator, "Counted", "Body");
    }

    private Response read(String postId, TestUser caller) {
        return api.get("/api/v1/posts/" + postId, caller.token());
    }

    private Response stats(String postId, String token) {
        return api.get("/api/v1/posts/" + postId + "/stats", token);
    }

    private long viewCount(String postId, TestUser creator) {
        return read(postId, creator).body().path("view_count").asLong();
    }

    private long recordedViews(String postId) {
        Long count = jdbc.queryForObject(
                "SELECT count(*) FROM analytics_post_view WHERE post_id = ?::uuid", Long.class, postId);
        return count == null ? 0 : count;
    }

    /** Waits until the post shows this many views, then makes sure no more arrive for a while. */
    private void awaitViewCount(String postId, TestUser creator, long expected) {
        await().atMost(LAG).pollInterval(Duration.ofMillis(100)).until(() -> viewCount(postId, creator) >= expected);
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> viewCount(postId, creator) == expected);
    }

    private static void assertRefused(Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.code()).isEqualTo(code);
    }

    // ---------------------------------------------------------------- counting

    @Test
    void eachReadByAnotherUserCountsAsAViewAndTheStatsCountUniqueViewers() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        TestUser otherCreator = api.newUser("creator");
        String postId = publishedPost(creator);

        assertThat(read(postId, reader).status()).isEqualTo(200);
        assertThat(read(postId, reader).status()).isEqualTo(200);
        assertThat(read(postId, otherCreator).status()).isEqualTo(200);

        awaitViewCount(postId, creator, 3);
        Response stats = stats(postId, creator.token());
        assertThat(stats.status()).isEqualTo(200);
        assertThat(stats.body().fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("post_id", "view_count", "unique_viewers");
        assertThat(stats.text("post_id")).isEqualTo(postId);
        assertThat(stats.body().path("view_count").asLong()).isEqualTo(3);
        assertThat(stats.body().path("unique_viewers").asLong()).isEqualTo(2);
        assertThat(read(postId, reader).body().path("view_count").asLong()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void theRawViewEventIsStoredWithWhoReadWhichPostAndWhen() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = publishedPost(creator);
        Instant before = Instant.now().minusSeconds(1);

        assertThat(read(postId, reader).status()).isEqualTo(200);

        await().atMost(LAG).until(() -> recordedViews(postId) == 1);
        Map<String, Object> row = jdbc.queryForMap(
                "SELECT user_id::text AS user_id, viewed_at FROM analytics_post_view WHERE post_id = ?::uuid", postId);
        assertThat(row.get("user_id")).isEqualTo(reader.id());
        assertThat(((Timestamp) row.get("viewed_at")).toInstant()).isBetween(before, Instant.now());
    }

    @Test
    void theCreatorsOwnReadsAreNoViews() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = publishedPost(creator);

        for (int i = 0; i < 3; i++) {
            assertThat(read(postId, creator).status()).isEqualTo(200);
        }
        assertThat(read(postId, reader).status()).isEqualTo(200);

        awaitViewCount(postId, creator, 1);
        assertThat(stats(postId, creator.token()).body().path("unique_viewers").asLong())
                .isEqualTo(1);
    }

    @Test
    void aReadThatIsNot200IsNoView() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = draft(creator);

        assertThat(read(postId, reader).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/posts/" + postId, null).status()).isEqualTo(401);
        assertThat(api.publish(postId, creator).status()).isEqualTo(200);
        assertThat(read(postId, reader).status()).isEqualTo(200);

        awaitViewCount(postId, creator, 1);
    }

    @Test
    void aRedeliveredViewEventCountsOnce() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = publishedPost(creator);
        String body = "{\"event_id\":\"" + UUID.randomUUID() + "\",\"event_type\":\"post_view\",\"user_id\":\""
                + reader.id() + "\",\"post_id\":\"" + postId + "\",\"timestamp\":\"" + Instant.now() + "\"}";

        CachingConnectionFactory factory = new CachingConnectionFactory("127.0.0.1", 5672);
        try {
            RabbitTemplate rabbit = new RabbitTemplate(factory);
            for (int i = 0; i < 3; i++) {
                rabbit.send(
                        "",
                        TestRabbit.postViewQueue(),
                        MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8))
                                .setContentType("application/json")
                                .build());
            }
        } finally {
            factory.destroy();
        }

        awaitViewCount(postId, creator, 1);
        await().atMost(LAG).until(() -> TestRabbit.depth(TestRabbit.postViewQueue()) == 0);
        assertThat(recordedViews(postId)).isEqualTo(1);
        assertThat(viewCount(postId, creator)).isEqualTo(1);
    }

    @Test
    void aRebuildOfThePostsProjectionKeepsTheViewCounts() {
        TestUser creator = api.newUser("creator");
        String postId = publishedPost(creator);
        for (int i = 0; i < 2; i++) {
            assertThat(read(postId, api.newUser("reader")).status()).isEqualTo(200);
        }
        awaitViewCount(postId, creator, 2);
        ProjectionAdmin admin = new ProjectionAdmin(api, api.login(ADMIN_EMAIL, ADMIN_PASSWORD));

        Response rebuild = admin.rebuild("posts");

        assertThat(rebuild.status()).as(rebuild.toString()).isEqualTo(202);
        admin.awaitRebuilt("posts", rebuild.body().path("head").asLong());
        assertThat(viewCount(postId, creator)).isEqualTo(2);
        assertThat(stats(postId, creator.token()).body().path("view_count").asLong())
                .isEqualTo(2);
    }

    @Test
    void aPastVersionCountsTheViewsUpToItsInstant() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        Response created = api.post("/api/v1/posts", Map.of("title", "Then", "content", "Body"), creator.token());
        String postId = created.text("id");
        api.publish(postId, creator);
        assertThat(read(postId, reader).status()).isEqualTo(200);
        awaitViewCount(postId, creator, 1);

        Response past = api.get("/api/v1/posts/" + postId + "?as_of=" + created.text("created_at"), creator.token());
        Response later =
                api.get("/api/v1/posts/" + postId + "?as_of=" + Instant.now().plusSeconds(60), creator.token());

        assertThat(past.body().path("view_count").asLong()).isZero();
        assertThat(later.body().path("view_count").asLong()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- who may see the stats

    @Test
    void statsOfADraftAre404ForEveryoneButItsCreator() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = draft(creator);

        Response own = stats(postId, creator.token());
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body().path("view_count").asLong()).isZero();
        assertThat(own.body().path("unique_viewers").asLong()).isZero();
        assertRefused(stats(postId, reader.token()), 404, "POST_NOT_FOUND");
        assertRefused(stats(postId, api.login(ADMIN_EMAIL, ADMIN_PASSWORD)), 404, "POST_NOT_FOUND");
    }

    @Test
    void statsOfAPublishedPostAre403ForEveryoneButItsCreator() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = publishedPost(creator);

        assertThat(stats(postId, creator.token()).status()).isEqualTo(200);
        assertRefused(stats(postId, reader.token()), 403, "FORBIDDEN");
        assertRefused(stats(postId, api.newUser("creator").token()), 403, "FORBIDDEN");
        assertRefused(stats(postId, api.login(ADMIN_EMAIL, ADMIN_PASSWORD)), 403, "FORBIDDEN");
    }

    @Test
    void statsNeedATokenAKnownPostAndAValidId() {
        TestUser creator = api.newUser("creator");
        String postId = publishedPost(creator);

        Response anonymous = stats(postId, null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).isPresent();
        assertRefused(stats(UUID.randomUUID().toString(), creator.token()), 404, "POST_NOT_FOUND");
        assertRefused(stats("42", creator.token()), 400, "INVALID_ID");
    }

    // ---------------------------------------------------------------- RabbitMQ down

    @Test
    void readingPostsStays200AndFastWhileRabbitMqIsDownAndViewsFlowAgainWhenItIsBack() throws Exception {
        String prefix = StandaloneApplication.rabbitPrefix("views");
        try (TcpProxy rabbit = new TcpProxy("127.0.0.1", 5672);
                ConfigurableApplicationContext app =
                        StandaloneApplication.behindRabbitProxy("views", prefix, rabbit, Duration.ofSeconds(5))) {
            Api own = new Api(StandaloneApplication.port(app));
            TestUser creator = own.newUser("creator");
            TestUser reader = own.newUser("reader");
            String postId = own.newPost(creator, "Outage", "Read me.");
            assertThat(own.publish(postId, creator).status()).isEqualTo(200);

            rabbit.cut();
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                long start = System.nanoTime();
                Response r = own.get("/api/v1/posts/" + postId, reader.token());
                millis.add((System.nanoTime() - start) / 1_000_000);
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
            }
            assertThat(millis).allSatisfy(ms -> assertThat(ms).isLessThan(1000));
            await().atMost(LAG).until(() -> dropped(own) > 0);
            Response publishedMeanwhile = own.publish(own.newPost(creator, "More", "Still works."), creator);
            assertThat(publishedMeanwhile.status()).isEqualTo(200);

            rabbit.restore();
            long before = own.get("/api/v1/posts/" + postId + "/stats", creator.token())
                    .body()
                    .path("view_count")
                    .asLong();
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        own.get("/api/v1/posts/" + postId, reader.token());
                        return own.get("/api/v1/posts/" + postId + "/stats", creator.token())
                                        .body()
                                        .path("view_count")
                                        .asLong()
                                > before;
                    });
        } finally {
            TestRabbit.deleteAll(prefix);
        }
    }

    /** post_view events dropped so far, as Prometheus scrapes them. */
    private static double dropped(Api api) {
        return api.get("/actuator/prometheus", null)
                .raw()
                .body()
                .lines()
                .filter(line -> line.startsWith("platform_analytics_post_views_dropped_total{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
