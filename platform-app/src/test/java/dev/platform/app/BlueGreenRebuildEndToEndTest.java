package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Blue-green rebuilds (issue 19): while each projection is rebuilt beside its live tables, a client reading every
 * resource of a fixture every 50 ms never sees a 404, a shorter list or a 5xx, and afterwards the rows are as they
 * were; a projection changed on purpose shows exactly its changed column in the comparison, and a manual rebuild
 * discarded leaves the live tables untouched. The rebuild's processor pauses before each batch of one event
 * ({@code platform.rebuilds.batch-pause}) so that the reads overlap it.
 */
@SpringBootTest(
        classes = {PlatformApplication.class, BlueGreenRebuildEndToEndTest.Changed.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BlueGreenRebuildEndToEndTest {

    private static final String DATABASE = TestDatabase.create("bluegreen");
    private static final List<String> PROJECTIONS =
            List.of("users", "posts", "comments", "subscriptions", "notification-audience");
    private static final Map<String, String> TABLES = Map.of(
            "users",
            "SELECT * FROM user_view ORDER BY id",
            "posts",
            "SELECT * FROM post_view ORDER BY id",
            "comments",
            "SELECT * FROM comment_view ORDER BY id",
            "subscriptions",
            "SELECT * FROM subscription_view ORDER BY id",
            "notification-audience",
            "SELECT u.* FROM notification_user u ORDER BY user_id");

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        TestDatabase.use(registry, DATABASE, 12);
        EndToEndTest.admin(registry);
        registry.add("platform.notifications.queue-prefix", () -> TestRabbit.prefix() + "-bluegreen");
        registry.add("platform.rebuilds.batch-pause", () -> "40ms");
        for (String group : PROJECTIONS) {
            registry.add("axon.eventhandling.processors." + group + ".batch-size", () -> "1");
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ChangedBio changed;

    private Api api;
    private ProjectionAdmin admin;

    @BeforeEach
    void connect() {
        api = new Api(port);
        admin = new ProjectionAdmin(api, api.login(EndToEndTest.ADMIN_EMAIL, EndToEndTest.ADMIN_PASSWORD));
    }

    @Test
    void noReaderSeesARebuildOfAnyProjectionAndTheRowsEndUpEqual() throws Exception {
        Fixture fixture = fixture();
        PROJECTIONS.forEach(admin::awaitCaughtUp);
        Map<String, Integer> baseline = fixture.read(api);
        assertThat(baseline.values())
                .as("every resource answers before the rebuilds")
                .doesNotContain(-1);

        for (String projection : PROJECTIONS) {
            List<String> before = Sql.rows(DATABASE, TABLES.get(projection));
            AtomicInteger duringRebuild = new AtomicInteger();
            AtomicBoolean rebuilding = new AtomicBoolean();
            List<String> problems = new CopyOnWriteArrayList<>();
            // A client reading every resource, a round every 50 ms (after the previous round's answers).
            ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor();
            reader.scheduleWithFixedDelay(
                    () -> {
                        boolean during = rebuilding.get();
                        Map<String, Integer> now = fixture.read(api);
                        now.forEach((resource, size) -> {
                            if (size < baseline.get(resource)) {
                                problems.add(projection + ": " + resource + " answered " + size + " (before: "
                                        + baseline.get(resource) + ")");
                            }
                        });
                        if (during && rebuilding.get()) {
                            duringRebuild.incrementAndGet();
                        }
                    },
                    0,
                    50,
                    TimeUnit.MILLISECONDS);
            Response started = admin.rebuild(projection);
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            assertThat(started.text("state")).isEqualTo("building");
            rebuilding.set(true);
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> admin.rebuildStatus(projection).text("state").equals("switched"));
            rebuilding.set(false);
            reader.shutdown();
            assertThat(reader.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            JsonNode status = admin.rebuildStatus(projection).body();
            assertThat(problems).as(projection).isEmpty();
            assertThat(duringRebuild.get())
                    .as(projection + ": whole rounds of reads while its rebuild ran")
                    .isGreaterThanOrEqualTo(2);
            assertThat(status.path("diff").size()).isPositive();
            status.path("diff")
                    .forEach(table -> assertThat(table.path("changed").asLong()
                                    + table.path("only_in_old").asLong()
                                    + table.path("only_in_new").asLong())
                            .as(projection + ": " + table)
                            .isZero());
            assertThat(Sql.rows(DATABASE, TABLES.get(projection)))
                    .as(projection)
                    .isEqualTo(before);
            assertThat(admin.status(projection).path("rebuild").isNull()).isTrue();
        }
        assertThat(fixture.read(api)).isEqualTo(baseline);
    }

    @Test
    void aChangedProjectionShowsExactlyItsChangedColumnAndADiscardLeavesTheLiveTablesUntouched() {
        for (int i = 0; i < 3; i++) {
            api.newUser("reader");
        }
        admin.awaitCaughtUp("users");
        List<String> before = Sql.rows(DATABASE, TABLES.get("users"));
        long users = Sql.number(DATABASE, "SELECT count(*) FROM user_view");
        changed.on.set(true);
        try {
            Response started = admin.rebuild("users", "manual");
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            assertThat(admin.rebuild("users").status())
                    .as("a second rebuild while one runs")
                    .isEqualTo(409);
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> admin.rebuildStatus("users").text("state").equals("caught_up"));
            JsonNode diff = admin.rebuildStatus("users").body().path("diff").get(0);

            assertThat(diff.path("table").asText()).isEqualTo("user_view");
            assertThat(diff.path("only_in_old").asLong()).isZero();
            assertThat(diff.path("only_in_new").asLong()).isZero();
            assertThat(diff.path("changed").asLong()).isEqualTo(users);
            Map<String, Long> columns = new LinkedHashMap<>();
            diff.path("changed_columns")
                    .fields()
                    .forEachRemaining(f -> columns.put(f.getKey(), f.getValue().asLong()));
            assertThat(columns).isEqualTo(Map.of("bio", users));
            assertThat(diff.path("sample").get(0).path("columns").toString()).isEqualTo("[\"bio\"]");
            assertThat(Sql.rows(DATABASE, TABLES.get("users")))
                    .as("live untouched while waiting")
                    .isEqualTo(before);

            Response discarded = admin.discardRebuild("users");
            assertThat(discarded.status()).as(discarded.toString()).isEqualTo(200);
            assertThat(discarded.text("state")).isEqualTo("discarded");
        } finally {
            changed.on.set(false);
        }
        assertThat(Sql.rows(DATABASE, TABLES.get("users"))).isEqualTo(before);
        assertThat(Sql.number(DATABASE, "SELECT count(*) FROM pg_namespace WHERE nspname = 'rebuild_users'"))
                .isZero();
        assertThat(Sql.number(DATABASE, "SELECT count(*) FROM token_entry WHERE processor_name = 'users.rebuild'"))
                .isZero();
        assertThat(admin.discardRebuild("users").status()).isEqualTo(404);
        // The live group goes on as before.
        TestUser later = api.newUser("reader");
        assertThat(api.get("/api/v1/users/" + later.id(), later.token()).status())
                .isEqualTo(200);
    }

    /** Every resource of the fixture: its size (1 for a single resource, the items for a list), -1 for an error. */
    private record Fixture(List<TestUser> users, Map<String, TestUser> posts, String draft, List<TestUser> creators) {
        Map<String, Integer> read(Api api) {
            Map<String, Integer> sizes = new LinkedHashMap<>();
            TestUser reader = users.get(users.size() - 1);
            for (TestUser user : users) {
                sizes.put("user " + user.id(), size(api.get("/api/v1/users/" + user.id(), user.token()), false));
                sizes.put("subscriptions " + user.id(), size(api.subscriptions(user, "?limit=100"), true));
            }
            // Each post read by its creator: a reader's read would count a view and change the row.
            posts.forEach((post, creator) -> {
                sizes.put("post " + post, size(api.readPost(post, creator), false));
                if (!post.equals(draft)) {
                    sizes.put("comments " + post, size(api.comments(post, "?limit=100", reader.token()), true));
                }
            });
            for (TestUser creator : creators) {
                sizes.put(
                        "posts of " + creator.id(), size(api.creatorPosts(creator.id(), "?limit=100", creator), true));
            }
            return sizes;
        }

        private static int size(Response r, boolean list) {
            if (r.status() != 200) {
                return -1;
            }
            return list ? r.body().size() : 1;
        }
    }

    private Fixture fixture() {
        List<TestUser> creators = new ArrayList<>();
        List<TestUser> users = new ArrayList<>();
        Map<String, TestUser> posts = new LinkedHashMap<>();
        for (int i = 0; i < 2; i++) {
            TestUser creator = api.newUser("creator");
            creators.add(creator);
            users.add(creator);
            for (int p = 0; p < 3; p++) {
                posts.put(api.newPublishedPost(creator, "Post " + p, "Content of post " + p), creator);
            }
        }
        for (int i = 0; i < 4; i++) {
            TestUser reader = api.newUser("reader");
            users.add(reader);
            creators.forEach(creator ->
                    assertThat(api.subscribe(reader, creator.id()).status()).isEqualTo(201));
            api.put("/api/v1/users/" + reader.id(), Map.of("bio", "bio " + i), reader.token());
            for (String post : posts.keySet()) {
                assertThat(api.comment(post, reader, "comment " + i).status()).isEqualTo(201);
            }
        }
        // A draft: only its creator sees it, in their list too (it has no comments to read).
        String draft = api.newPost(creators.get(0), "Draft", "Not published");
        posts.put(draft, creators.get(0));
        return new Fixture(users, posts, draft, creators);
    }

    /** The users projection "changed in a deployment": the rebuilt {@code bio} differs while the switch is on. */
    static class ChangedBio {
        final AtomicBoolean on = new AtomicBoolean();
    }

    /**
     * Part of the {@code users} group: while {@link ChangedBio#on}, writes every user's {@code bio} as {@code changed}
     * when an event's unit of work commits (after the projection's own write, whatever the handler order). Only the
     * rebuild handles events meanwhile, so only the rebuilt table gets it.
     */
    @ProcessingGroup("users")
    static class ChangedUserProjection {
        private final ChangedBio changed;
        private final JdbcTemplate jdbc;

        ChangedUserProjection(ChangedBio changed, JdbcTemplate jdbc) {
            this.changed = changed;
            this.jdbc = jdbc;
        }

        @EventHandler
        void on(Object event) {
            if (changed.on.get() && CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get()
                        .onPrepareCommit(u -> jdbc.update(
                                "UPDATE user_view SET bio = 'changed' WHERE bio IS DISTINCT FROM 'changed'"));
            }
        }
    }

    @TestConfiguration
    static class Changed {
        @Bean
        ChangedBio changedBio() {
            return new ChangedBio();
        }

        @Bean
        ChangedUserProjection changedUserProjection(ChangedBio changed, JdbcTemplate jdbc) {
            return new ChangedUserProjection(changed, jdbc);
        }
    }
}
