package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The contract's "Subscriptions" section, over HTTP against the running application and PostgreSQL. */
class SubscriptionsEndToEndTest extends EndToEndTest {

    private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    private Response subscribe(TestUser subscriber, String creatorId) {
        return subscribe(api, subscriber, creatorId);
    }

    private static Response subscribe(Api api, TestUser subscriber, String creatorId) {
        return api.request("POST", "/api/v1/creators/" + creatorId + "/subscribe")
                .token(subscriber.token())
                .send();
    }

    private Response unsubscribe(TestUser subscriber, String creatorId) {
        return unsubscribe(api, subscriber, creatorId);
    }

    private static Response unsubscribe(Api api, TestUser subscriber, String creatorId) {
        return api.request("POST", "/api/v1/creators/" + creatorId + "/unsubscribe")
                .token(subscriber.token())
                .send();
    }

    private Response list(TestUser owner, String query) {
        return api.get("/api/v1/users/" + owner.id() + "/subscriptions" + query, owner.token());
    }

    @Test
    void theFirstSubscribeAnswers201AndTheListShowsItAtOnce() {
        TestUser reader = api.newUser("reader");
        TestUser creator = api.newUser("creator");

        Response subscribed = subscribe(reader, creator.id());
        Response listed = list(reader, "");

        assertThat(subscribed.status()).as(subscribed.toString()).isEqualTo(201);
        assertThat(subscribed.body().fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("id", "subscriber_id", "creator_id", "status");
        assertThat(subscribed.text("id")).matches("[0-9a-f-]{36}");
        assertThat(subscribed.text("subscriber_id")).isEqualTo(reader.id());
        assertThat(subscribed.text("creator_id")).isEqualTo(creator.id());
        assertThat(subscribed.text("status")).isEqualTo("active");

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.header("X-Total-Count")).contains("1");
        assertThat(listed.body().size()).isEqualTo(1);
        JsonNode item = listed.body().get(0);
        assertThat(item.fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("id", "creator_id", "status", "subscribed_at");
        assertThat(item.path("id").asText()).isEqualTo(subscribed.text("id"));
        assertThat(item.path("creator_id").asText()).isEqualTo(creator.id());
        assertThat(item.path("status").asText()).isEqualTo("active");
        assertThat(item.path("subscribed_at").asText()).matches(TIMESTAMP);
    }

    @Test
    void subscribingAgainWhileActiveAnswers200WithTheSameIdAndRecordsNothing() {
        TestUser reader = api.newUser("reader");
        TestUser creator = api.newUser("creator");
        Response first = subscribe(reader, creator.id());
        String subscribedAt =
                list(reader, "").body().get(0).path("subscribed_at").asText();

        Response again = subscribe(reader, creator.id());

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("id")).isEqualTo(first.text("id"));
        assertThat(again.text("status")).isEqualTo("active");
        assertThat(eventsOf(first.text("id"))).isEqualTo(1);
        Response listed = list(reader, "");
        assertThat(listed.header("X-Total-Count")).contains("1");
        assertThat(listed.body().get(0).path("subscribed_at").asText()).isEqualTo(subscribedAt);
    }

    @Test
    void unsubscribingAnswers200CancelledAndTheListShowsItAtOnce() {
        TestUser reader = api.newUser("reader");
        TestUser creator = api.newUser("creator");
        Response subscribed = subscribe(reader, creator.id());

        Response cancelled = unsubscribe(reader, creator.id());
        Response listed = list(reader, "");

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body().fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("id", "subscriber_id", "creator_id", "status");
        assertThat(cancelled.text("id")).isEqualTo(subscribed.text("id"));
        assertThat(cancelled.text("subscriber_id")).isEqualTo(reader.id());
        assertThat(cancelled.text("creator_id")).isEqualTo(creator.id());
        assertThat(cancelled.text("status")).isEqualTo("cancelled");
        assertThat(listed.body().size()).isEqualTo(1);
        assertThat(listed.body().get(0).path("status").asText()).isEqualTo("cancelled");
    }

    @Test
    void unsubscribingACancelledSubscriptionAnswers200AndItStaysCancelled() {
        TestUser reader = api.newUser("reader");
        TestUser creator = api.newUser("creator");
        Response subscribed = subscribe(reader, creator.id());
        unsubscribe(reader, creator.id());

        Response again = unsubscribe(reader, creator.id());

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("id")).isEqualTo(subscribed.text("id"));
        assertThat(again.text("status")).isEqualTo("cancelled");
        assertThat(eventsOf(subscribed.text("id"))).isEqualTo(2);
        assertThat(list(reader, "").body().get(0).path("status").asText()).isEqualTo("cancelled");
    }

    @Test
    void resubscribingReactivatesTheSameSubscriptionWith200AndANewSubscribedAt() {
        TestUser reader = api.newUser("reader");
        TestUser creator = api.newUser("creator");
        Response first = subscribe(reader, creator.id());
        Instant firstActivation = Instant.parse(
                list(reader, "").body().get(0).path("subscribed_at").asText());
        unsubscribe(reader, creator.id());

        Response again = subscribe(reader, creator.id());
        Response listed = list(reader, "");

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("id")).isEqualTo(first.text("id"));
        assertThat(again.text("status")).isEqualTo("active");
        assertThat(listed.header("X-Total-Count")).contains("1");
        JsonNode item = listed.body().get(0);
        assertThat(item.path("id").asText()).isEqualTo(first.text("id"));
        assertThat(item.path("status").asText()).isEqualTo("active");
        assertThat(Instant.parse(item.path("subscribed_at").asText())).isAfterOrEqualTo(firstActivation);
        assertThat(eventsOf(first.text("id"))).isEqualTo(3);
    }

    @Test
    void theIdIsTheSameForThePairWhoeverAsksAndDiffersBetweenPairs() {
        TestUser reader = api.newUser("reader");
        TestUser other = api.newUser("reader");
        TestUser creator = api.newUser("creator");

        String mine = subscribe(reader, creator.id()).text("id");
        String theirs = subscribe(other, creator.id()).text("id");

        assertThat(mine).isNotEqualTo(theirs);
        assertThat(unsubscribe(reader, creator.id()).text("id")).isEqualTo(mine);
        assertThat(subscribe(reader, creator.id()).text("id")).isEqualTo(mine);
    }

    @Test
    void subscribingToOneselfIs400AndChangesNothing() {
        TestUser creator = api.newUser("creator");

        Response r = subscribe(creator, creator.id());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(r.body().path("field_errors").has("creator_id"))
                .as(r.toString())
                .isTrue();
        assertThat(list(creator, "").body().size()).isZero();
        assertThat(unsubscribe(creator, creator.id()).status()).isEqualTo(404);
    }

    @Test
    void subscribingToAReaderAnAdminOrNobodyIs404AndChangesNothing() {
        TestUser reader = api.newUser("reader");
        TestUser notACreator = api.newUser("reader");
        String adminId = subject(api.login(ADMIN_EMAIL, ADMIN_PASSWORD));

        Response toReader = subscribe(reader, notACreator.id());
        Response toAdmin = subscribe(reader, adminId);
        Response toNobody = subscribe(reader, UUID.randomUUID().toString());

        assertThat(List.of(toReader, toAdmin, toNobody)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.code()).isEqualTo("USER_NOT_FOUND");
            assertThat(r.text("correlation_id")).isNotBlank();
        });
        Response listed = list(reader, "");
        assertThat(listed.body().size()).isZero();
        assertThat(listed.header("X-Total-Count")).contains("0");
    }

    @Test
    void aCreatorIdThatIsNoUuidIs400() {
        TestUser reader = api.newUser("reader");

        Response sub = subscribe(reader, "not-a-uuid");
        Response unsub = unsubscribe(reader, "12345");
        Response listed = api.get("/api/v1/users/not-a-uuid/subscriptions", reader.token());

        assertThat(List.of(sub, unsub, listed)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.code()).isEqualTo("INVALID_ID");
        });
    }

    @Test
    void unsubscribingWithoutEverSubscribingIs404AndChangesNothing() {
        TestUser reader = api.newUser("reader");
        TestUser creator = api.newUser("creator");

        Response r = unsubscribe(reader, creator.id());

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.code()).isEqualTo("SUBSCRIPTION_NOT_FOUND");
        assertThat(list(reader, "").body().size()).isZero();
        // Nothing was stored for the pair: the first subscribe is still a 201.
        assertThat(subscribe(reader, creator.id()).status()).isEqualTo(201);
    }

    @Test
    void subscriptionEndpointsNeedAToken() {
        TestUser creator = api.newUser("creator");

        Response sub = api.request("POST", "/api/v1/creators/" + creator.id() + "/subscribe")
                .send();
        Response listed = api.get("/api/v1/users/" + creator.id() + "/subscriptions", null);

        assertThat(List.of(sub, listed)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).isPresent();
        });
    }

    @Test
    void onlyTheSubscriberListsTheirSubscriptionsNotOthersNorTheAdmin() {
        TestUser reader = api.newUser("reader");
        TestUser creator = api.newUser("creator");
        subscribe(reader, creator.id());
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);

        Response byCreator = api.get("/api/v1/users/" + reader.id() + "/subscriptions", creator.token());
        Response byAdmin = api.get("/api/v1/users/" + reader.id() + "/subscriptions", admin);

        assertThat(List.of(byCreator, byAdmin)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.code()).isEqualTo("FORBIDDEN");
        });
    }

    @Test
    void theStatusFilterShowsActiveOrCancelledAndNoFilterShowsBoth() {
        TestUser reader = api.newUser("reader");
        TestUser kept = api.newUser("creator");
        TestUser dropped = api.newUser("creator");
        subscribe(reader, kept.id());
        subscribe(reader, dropped.id());
        unsubscribe(reader, dropped.id());

        Response all = list(reader, "");
        Response active = list(reader, "?status=active");
        Response cancelled = list(reader, "?status=cancelled");

        assertThat(all.header("X-Total-Count")).contains("2");
        assertThat(creators(all)).containsExactlyInAnyOrder(kept.id(), dropped.id());
        assertThat(active.header("X-Total-Count")).contains("1");
        assertThat(creators(active)).containsExactly(kept.id());
        assertThat(cancelled.header("X-Total-Count")).contains("1");
        assertThat(creators(cancelled)).containsExactly(dropped.id());
    }

    @Test
    void invalidListParametersAre400WithTheField() {
        TestUser reader = api.newUser("reader");

        for (String[] bad : new String[][] {
            {"status", "?status=archived"},
            {"status", "?status=ACTIVE"},
            {"status", "?status="},
            {"limit", "?limit=0"},
            {"limit", "?limit=101"},
            {"limit", "?limit=ten"},
            {"offset", "?offset=-1"}
        }) {
            Response r = list(reader, bad[1]);
            assertThat(r.status()).as(bad[1]).isEqualTo(400);
            assertThat(r.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(r.body().path("field_errors").has(bad[0]))
                    .as(r.toString())
                    .isTrue();
        }
    }

    @Test
    void theListIsNewestActivationFirstAndPaged() {
        TestUser reader = api.newUser("reader");
        TestUser first = api.newUser("creator");
        TestUser second = api.newUser("creator");
        TestUser third = api.newUser("creator");
        subscribe(reader, first.id());
        subscribe(reader, second.id());
        subscribe(reader, third.id());
        // A re-activation is the latest activation: it moves the first subscription to the front.
        unsubscribe(reader, first.id());
        subscribe(reader, first.id());

        Response all = list(reader, "");
        Response page = list(reader, "?limit=2&offset=1");
        Response beyond = list(reader, "?offset=3");

        assertThat(creators(all)).containsExactly(first.id(), third.id(), second.id());
        assertThat(page.header("X-Total-Count")).contains("3");
        assertThat(creators(page)).containsExactly(third.id(), second.id());
        assertThat(beyond.status()).isEqualTo(200);
        assertThat(beyond.body().size()).isZero();
        assertThat(beyond.header("X-Total-Count")).contains("3");
    }

    @Test
    void twentyConcurrentFirstSubscribesGiveOne201AndOneSubscription() throws Exception {
        TestUser reader = api.newUser("reader");
        TestUser creator = api.newUser("creator");
        List<Callable<Response>> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            attempts.add(() -> subscribe(reader, creator.id()));
        }

        List<Response> answers = Api.runTogether(attempts);

        assertConcurrentFirstSubscribes(answers);
        Response listed = list(reader, "");
        assertThat(listed.header("X-Total-Count")).contains("1");
        assertThat(listed.body().get(0).path("status").asText()).isEqualTo("active");
        assertThat(eventsOf(answers.get(0).text("id"))).isEqualTo(1);
    }

    @Test
    void twentyConcurrentFlipsAllSucceedAndAFinalSubscribeLeavesItActive() throws Exception {
        TestUser reader = api.newUser("reader");
        TestUser creator = api.newUser("creator");
        assertThat(subscribe(reader, creator.id()).status()).isEqualTo(201);
        List<Callable<Response>> flips = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            flips.add(i % 2 == 0 ? () -> unsubscribe(reader, creator.id()) : () -> subscribe(reader, creator.id()));
        }

        List<Response> answers = Api.runTogether(flips);

        assertFlips(answers);
        Response last = subscribe(reader, creator.id());
        assertThat(last.status()).isEqualTo(200);
        Response listed = list(reader, "");
        assertThat(listed.header("X-Total-Count")).contains("1");
        assertThat(listed.body().get(0).path("status").asText()).isEqualTo("active");
    }

    /**
     * Two nodes on one event store: their repositories' locks do not see each other, so concurrent commands on
     * one subscription really clash on the (aggregate id, sequence) key, and the loser must be retried.
     */
    @Test
    void onTwoNodesConcurrentSubscribesAndFlipsStayCorrect() throws Exception {
        TestUser reader = api.newUser("reader");
        TestUser creator = api.newUser("creator");
        try (ConfigurableApplicationContext secondNode = startSecondNode()) {
            Api other = new Api(((ServletWebServerApplicationContext) secondNode)
                    .getWebServer()
                    .getPort());
            List<Callable<Response>> firsts = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Api node = i % 2 == 0 ? api : other;
                firsts.add(() -> subscribe(node, reader, creator.id()));
            }

            List<Response> firstAnswers = Api.runTogether(firsts);

            assertConcurrentFirstSubscribes(firstAnswers);
            assertThat(eventsOf(firstAnswers.get(0).text("id"))).isEqualTo(1);

            List<Callable<Response>> flips = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Api node = i % 4 < 2 ? api : other;
                flips.add(
                        i % 2 == 0
                                ? () -> unsubscribe(node, reader, creator.id())
                                : () -> subscribe(node, reader, creator.id()));
            }

            assertFlips(Api.runTogether(flips));
            assertThat(subscribe(other, reader, creator.id()).status()).isEqualTo(200);
        }
        Response listed = list(reader, "");
        assertThat(listed.header("X-Total-Count")).contains("1");
        assertThat(listed.body().get(0).path("status").asText()).isEqualTo("active");
    }

    private static void assertConcurrentFirstSubscribes(List<Response> answers) {
        assertThat(answers)
                .allSatisfy(r -> assertThat(r.status()).as(r.toString()).isIn(200, 201));
        assertThat(answers).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(answers).filteredOn(r -> r.status() == 200).hasSize(answers.size() - 1);
        assertThat(answers)
                .extracting(r -> r.text("id"))
                .containsOnly(answers.get(0).text("id"));
        assertThat(answers).extracting(r -> r.text("status")).containsOnly("active");
    }

    private static void assertFlips(List<Response> answers) {
        assertThat(answers).allSatisfy(r -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            boolean subscribed = r.raw().request().uri().getPath().endsWith("/subscribe");
            assertThat(r.text("status")).isEqualTo(subscribed ? "active" : "cancelled");
        });
        assertThat(answers)
                .extracting(r -> r.text("id"))
                .containsOnly(answers.get(0).text("id"));
    }

    private static List<String> creators(Response list) {
        List<String> ids = new ArrayList<>();
        list.body().forEach(item -> ids.add(item.path("creator_id").asText()));
        return ids;
    }

    /** How many events the event store holds for this aggregate. */
    private static int eventsOf(String aggregateId) {
        try (Connection connection = DriverManager.getConnection(
                        TestDatabase.sharedUrl(), TestDatabase.user(), TestDatabase.password());
                PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?")) {
            count.setString(1, aggregateId);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ConfigurableApplicationContext startSecondNode() {
        // Arguments, not default properties: those rank below platform-defaults.yml.
        return new SpringApplicationBuilder(PlatformApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + TestDatabase.sharedUrl(),
                        "--spring.datasource.username=" + TestDatabase.user(),
                        "--spring.datasource.password=" + TestDatabase.password(),
                        // PostgreSQL's connections are shared with the first node (and other test runs).
                        "--spring.datasource.hikari.maximum-pool-size=10",
                        "--spring.datasource.hikari.minimum-idle=2");
    }

    private static String subject(String token) {
        try {
            return Api.JSON
                    .readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]))
                    .path("sub")
                    .asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
