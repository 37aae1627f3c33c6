package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code GET /posts/{id}} answered from the process's cache of post reads (issue 17), and every write through the
 * API seen by the very next read all the same. That the cache answers is shown by a change made behind the
 * application's back (SQL on {@code post_view}, which no write of the platform does): a cached post does not show it,
 * until a write of the post through the platform.
 */
@SpringBootTest(classes = PlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS) // its own context: not kept running for others
class PostReadCacheEndToEndTest {

    /**
     * A database and queues of its own, so a context of its own: the cache answers only while its process is the only
     * writer of the posts read model, and the shared context's database sees other processes of other tests.
     */
    private static final String DATABASE = TestDatabase.create("post_cache");

    private static final String QUEUES = StandaloneApplication.rabbitPrefix("post-cache");

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        TestDatabase.use(registry, DATABASE, 8);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestMail::port);
        registry.add("platform.notifications.queue-prefix", () -> QUEUES);
        registry.add("platform.posts.cache.trace-writes", () -> "true");
        EndToEndTest.admin(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    private Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    private static void behindTheApplicationsBack(String postId, String title) {
        Sql.update(DATABASE, "UPDATE post_view SET title = ? WHERE id = ?::uuid", title, postId);
    }

    /**
     * Reads the post's title through {@code read}, changes it behind the platform's back and reads again, until the
     * second read still shows the first: answered from memory. A read keeps what it loaded only when no write of the
     * process ended meanwhile (another test's, say), hence the attempts, each with a new title.
     */
    private void awaitAnsweredFromMemory(String postId, Supplier<String> read) {
        AtomicInteger attempt = new AtomicInteger();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                String cached = read.get();
                behindTheApplicationsBack(postId, "Not through the platform " + attempt.incrementAndGet());
                return cached.equals(read.get());
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("never answered from the cache; its gauges: " + cacheGauges(), e);
        }
    }

    @Test
    void aCachedPostIsAnsweredFromMemoryAndEveryWriteOfItIsReadAtOnce() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPost(creator, "First", "Text");
        api.publish(postId, creator);
        // The creator's reads count no view (a recorded view ends a write of the count, and a read loaded meanwhile
        // is not kept).
        awaitAnsweredFromMemory(postId, () -> api.readPost(postId, creator).text("title"));

        api.editPost(postId, Map.of("title", "Second"), creator);
        assertThat(api.readPost(postId, reader).text("title")).isEqualTo("Second");
        assertThat(api.readPost(postId, creator).text("title")).isEqualTo("Second");

        assertThat(api.unpublish(postId, creator).status()).isEqualTo(200);
        assertThat(api.readPost(postId, reader).status()).as("a draft again").isEqualTo(404);
        assertThat(api.readPost(postId, creator).text("status")).isEqualTo("draft");

        api.publish(postId, creator);
        assertThat(api.readPost(postId, reader).text("status")).isEqualTo("published");
        assertThat(api.request("DELETE", "/api/v1/posts/" + postId)
                        .token(creator.token())
                        .send()
                        .status())
                .isEqualTo(204);
        assertThat(api.readPost(postId, reader).status()).isEqualTo(404);
        assertThat(api.readPost(postId, creator).status()).isEqualTo(404);
    }

    @Test
    void aRecordedViewIsShownWithoutWaitingForTheCachedPostToAge() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPost(creator, "Viewed", "Text");
        api.publish(postId, creator);
        assertThat(api.readPost(postId, creator).text("view_count")).isEqualTo("0");

        api.readPost(postId, reader);
        api.readPost(postId, reader);

        // Well within platform.posts.cache.max-age (10 s): the count's change removed the cached post.
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> "2".equals(api.readPost(postId, creator).text("view_count")));
    }

    @Test
    void aCreatorsListIsAnsweredFromMemoryAndEveryChangeOfItsPostsOrOfItsCreatorIsReadAtOnce() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPost(creator, "Listed", "Text");
        api.publish(postId, creator);
        String list = "/api/v1/creators/" + creator.id() + "/posts";
        awaitAnsweredFromMemory(postId, () -> firstTitle(list, reader));

        api.editPost(postId, Map.of("title", "Edited"), creator);
        assertThat(firstTitle(list, reader)).isEqualTo("Edited");

        String second = api.newPost(creator, "Second", "Text");
        api.publish(second, creator);
        assertThat(api.get(list, reader.token()).body().size()).isEqualTo(2);
        assertThat(firstTitle(list, reader)).isEqualTo("Second");

        Response erased = api.request("DELETE", "/api/v1/users/" + creator.id())
                .token(creator.token())
                .json(Map.of("password", creator.password()))
                .send();
        assertThat(erased.status()).as(erased.toString()).isEqualTo(204);
        assertThat(api.get(list, reader.token()).status())
                .as("an erased creator's list is gone at once")
                .isEqualTo(404);
    }

    private String firstTitle(String list, TestUser reader) {
        Response page = api.get(list, reader.token());
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return page.body().get(0).path("title").asText();
    }

    @Test
    void aRebuildOfThePostsProjectionLeavesNoWriteOpenAndTheCacheAnswersAgain() throws Exception {
        TestUser creator = api.newUser("creator");
        String postId = api.newPost(creator, "Before", "Text");
        for (int i = 0; i < 20; i++) {
            api.newPost(creator, "Filler " + i, "Text");
        }
        ProjectionAdmin admin =
                new ProjectionAdmin(api, api.login(EndToEndTest.ADMIN_EMAIL, EndToEndTest.ADMIN_PASSWORD));

        Response rebuild = admin.rebuild("posts");
        assertThat(rebuild.status()).as(rebuild.toString()).isEqualTo(202);
        // Writes while the rebuild runs and switches: its batches write the rebuild's own post_view.
        for (int i = 0; i < 10; i++) {
            api.editPost(postId, Map.of("title", "During " + i), creator);
        }
        admin.awaitRebuilt("posts", rebuild.body().path("head").asLong());

        // Every write the rebuild began ended (each told the cache when its transaction completed), so the cache
        // keeps posts again; one whose end was lost would hold it open until its 2-minute bound.
        try {
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> gauge("platform.posts.cache.open.writes") == 0);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("a write stayed open after the rebuild: " + cacheGauges(), e);
        }
        assertThat(api.readPost(postId, creator).text("title")).isEqualTo("During 9");
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    private String cacheGauges() {
        return "answering " + gauge("platform.posts.cache.answering") + ", open writes "
                + gauge("platform.posts.cache.open.writes");
    }
}
