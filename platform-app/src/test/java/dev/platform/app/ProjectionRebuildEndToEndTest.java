package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract's rebuild: the read models are rebuilt from the event store while the API keeps answering from the
 * live tables, and end up row for row as they were (a row damaged behind the projection's back is repaired).
 */
class ProjectionRebuildEndToEndTest extends EndToEndTest {

    private static final String USERS = "SELECT * FROM user_view ORDER BY id";
    private static final String SUBSCRIPTIONS = "SELECT * FROM subscription_view ORDER BY id";

    @Test
    void rebuildingUsersAndSubscriptionsRestoresEveryRowWhileTheApiKeepsAnswering() throws Exception {
        String url = TestDatabase.sharedUrl();
        Population population = populate(30, 120);
        TestUser reader = population.readers.get(1);
        TestUser creator = api.newUser("creator");
        ProjectionAdmin admin = new ProjectionAdmin(api, api.login(ADMIN_EMAIL, ADMIN_PASSWORD));
        admin.awaitCaughtUp("users");
        admin.awaitCaughtUp("subscriptions");
        List<String> users = Sql.rows(url, USERS);
        List<String> subscriptions = Sql.rows(url, SUBSCRIPTIONS);
        assertThat(users.size()).isGreaterThanOrEqualTo(150);
        assertThat(subscriptions.size()).isGreaterThanOrEqualTo(240);
        // Damage behind the projections' back: only a rebuild from the events repairs it.
        TestUser damaged = population.readers.get(0);
        Sql.update(url, "UPDATE user_view SET bio = 'damaged' WHERE id = ?::uuid", damaged.id());
        Sql.update(url, "DELETE FROM subscription_view WHERE subscriber_id = ?::uuid", damaged.id());
        // A parked failure of the users group: the rebuild handles every event again, so it is dropped.
        Sql.update(
                url,
                "INSERT INTO dead_letter_entry (dead_letter_id, processing_group, sequence_identifier, sequence_index,"
                        + " message_type, event_identifier, time_stamp, payload_type, payload, enqueued_at)"
                        + " VALUES (?, 'users', ?, 0, 'org.axonframework.eventhandling.GenericDomainEventMessage', ?,"
                        + " '2026-01-01T00:00:00Z', 'dev.platform.api.user.UserRegistered', '{}', '2026-01-01T00:00:00Z')",
                UUID.randomUUID().toString(),
                "parked-" + UUID.randomUUID(),
                UUID.randomUUID().toString());

        Response usersRebuild = admin.rebuild("users");
        Response subscriptionsRebuild = admin.rebuild("subscriptions");

        // While the rebuild runs: reads never fail, and a write is read back at once (its wait may be longer).
        long head = Sql.head(url);
        List<Integer> statuses = new ArrayList<>();
        Response subscribed = null;
        Response readBack = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!(admin.rebuilt("users", head) && admin.rebuilt("subscriptions", head))) {
            assertThat(System.nanoTime()).as("rebuilt within 120 s").isLessThan(deadline);
            statuses.add(api.get("/api/v1/users/" + reader.id() + "/subscriptions", reader.token())
                    .status());
            statuses.add(api.get("/api/v1/users/" + population.creators.get(0).id(), reader.token())
                    .status());
            if (subscribed == null) {
                subscribed = api.request("POST", "/api/v1/creators/" + creator.id() + "/subscribe")
                        .token(reader.token())
                        .send();
                readBack = api.get("/api/v1/users/" + reader.id() + "/subscriptions?limit=100", reader.token());
            }
        }

        assertThat(List.of(usersRebuild, subscriptionsRebuild)).allSatisfy(r -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(202);
            assertThat(r.body().fieldNames())
                    .toIterable()
                    .containsExactlyInAnyOrder(
                            "name",
                            "mode",
                            "state",
                            "started_at",
                            "switched_at",
                            "head_at_start",
                            "progress",
                            "failed_events",
                            "diff",
                            "error");
            assertThat(r.body().path("head_at_start").asLong()).isEqualTo(head);
            assertThat(r.text("state")).isEqualTo("building");
        });
        assertThat(usersRebuild.text("name")).isEqualTo("users");
        assertThat(subscribed)
                .as("the API was used while the rebuild was running")
                .isNotNull();
        assertThat(statuses)
                .as("the live tables keep answering while the rebuild builds beside them (issue 19: no more 404)")
                .isNotEmpty()
                .allSatisfy(status -> assertThat(status).isEqualTo(200));
        assertThat(subscribed.status()).isEqualTo(201);
        assertThat(readBack.status()).isEqualTo(200);
        assertThat(readBack.body().toString()).contains(creator.id());
        assertThat(Sql.rows(url, USERS)).isEqualTo(users);
        List<String> subscriptionsAfter = Sql.rows(url, SUBSCRIPTIONS);
        assertThat(without(subscriptionsAfter, subscribed.text("id"))).isEqualTo(subscriptions);
        assertThat(subscriptionsAfter).hasSize(subscriptions.size() + 1);
        assertThat(api.get("/api/v1/users/" + damaged.id(), damaged.token()).text("bio"))
                .isNotEqualTo("damaged");
        assertThat(Sql.number(url, "SELECT count(*) FROM dead_letter_entry WHERE processing_group = 'users'"))
                .isZero();
    }

    private static List<String> without(List<String> rows, String id) {
        return rows.stream().filter(row -> !row.startsWith(id + "|")).toList();
    }

    private record Population(List<TestUser> creators, List<TestUser> readers) {}

    /**
     * Creators and readers; each reader subscribes to two creators, every fourth cancels one of them again and every
     * third sets a bio. Registrations are hashed with Argon2id, so this runs on a few threads.
     */
    private Population populate(int creatorCount, int readerCount) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<TestUser> creators = all(pool, Collections.nCopies(creatorCount, () -> register("creator")));
            List<Callable<TestUser>> readers = new ArrayList<>();
            for (int i = 0; i < readerCount; i++) {
                int n = i;
                readers.add(() -> {
                    TestUser reader = api.newUser("reader");
                    String first = creators.get(n % creatorCount).id();
                    String second = creators.get((n + 1) % creatorCount).id();
                    subscribe(reader, first);
                    subscribe(reader, second);
                    if (n % 4 == 0) {
                        expect(
                                200,
                                api.request("POST", "/api/v1/creators/" + second + "/unsubscribe")
                                        .token(reader.token())
                                        .send());
                    }
                    if (n % 3 == 0) {
                        expect(200, api.put("/api/v1/users/" + reader.id(), Map.of("bio", "bio " + n), reader.token()));
                    }
                    return reader;
                });
            }
            return new Population(creators, all(pool, readers));
        } finally {
            pool.shutdownNow();
        }
    }

    private TestUser register(String role) {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Response r = api.post(
                "/api/v1/users/register",
                Map.of(
                        "email",
                        "c" + suffix + "@example.com",
                        "password",
                        "pw-" + suffix,
                        "username",
                        "c_" + suffix,
                        "role",
                        role),
                null);
        expect(201, r);
        return new TestUser(r.text("id"), r.text("email"), r.text("username"), "pw-" + suffix, role, null);
    }

    private void subscribe(TestUser reader, String creatorId) {
        expect(
                201,
                api.request("POST", "/api/v1/creators/" + creatorId + "/subscribe")
                        .token(reader.token())
                        .send());
    }

    private static void expect(int status, Response response) {
        if (response.status() != status) {
            throw new IllegalStateException("expected " + status + ": " + response);
        }
    }

    private static <T> List<T> all(ExecutorService pool, List<Callable<T>> calls) throws Exception {
        List<T> results = new ArrayList<>();
        for (Future<T> future : pool.invokeAll(calls)) {
            results.add(future.get());
        }
        return results;
    }
}
