package dev.platform.app;

import static dev.platform.app.Api.TIMESTAMP;
import static dev.platform.app.EventStore.eventsOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The contract's "Subscriptions" section, one subscription's life: subscribe, subscribe again, unsubscribe (twice)
 * and resubscribe, each answered with the pair's one id and shown in the subscriber's list at once.
 */
class SubscribingEndToEndTest extends EndToEndTest {

    @Test
    void theFirstSubscribeAnswers201AndTheListShowsItAtOnce() {
        TestUser reader = api.newUser("reader");
        TestUser creator = api.newUser("creator");

        Response subscribed = api.subscribe(reader, creator.id());
        Response listed = api.subscriptions(reader, "");

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
        Response first = api.subscribe(reader, creator.id());
        String subscribedAt = api.subscriptions(reader, "")
                .body()
                .get(0)
                .path("subscribed_at")
                .asText();

        Response again = api.subscribe(reader, creator.id());

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("id")).isEqualTo(first.text("id"));
        assertThat(again.text("status")).isEqualTo("active");
        assertThat(eventsOf(first.text("id"))).isEqualTo(1);
        Response listed = api.subscriptions(reader, "");
        assertThat(listed.header("X-Total-Count")).contains("1");
        assertThat(listed.body().get(0).path("subscribed_at").asText()).isEqualTo(subscribedAt);
    }

    @Test
    void unsubscribingAnswers200CancelledAndTheListShowsItAtOnce() {
        TestUser reader = api.newUser("reader");
        TestUser creator = api.newUser("creator");
        Response subscribed = api.subscribe(reader, creator.id());

        Response cancelled = api.unsubscribe(reader, creator.id());
        Response listed = api.subscriptions(reader, "");

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
        Response subscribed = api.subscribe(reader, creator.id());
        api.unsubscribe(reader, creator.id());

        Response again = api.unsubscribe(reader, creator.id());

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("id")).isEqualTo(subscribed.text("id"));
        assertThat(again.text("status")).isEqualTo("cancelled");
        assertThat(eventsOf(subscribed.text("id"))).isEqualTo(2);
        assertThat(api.subscriptions(reader, "").body().get(0).path("status").asText())
                .isEqualTo("cancelled");
    }

    @Test
    void resubscribingReactivatesTheSameSubscriptionWith200AndANewSubscribedAt() {
        TestUser reader = api.newUser("reader");
        TestUser creator = api.newUser("creator");
        Response first = api.subscribe(reader, creator.id());
        Instant firstActivation = Instant.parse(api.subscriptions(reader, "")
                .body()
                .get(0)
                .path("subscribed_at")
                .asText());
        api.unsubscribe(reader, creator.id());

        Response again = api.subscribe(reader, creator.id());
        Response listed = api.subscriptions(reader, "");

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

        String mine = api.subscribe(reader, creator.id()).text("id");
        String theirs = api.subscribe(other, creator.id()).text("id");

        assertThat(mine).isNotEqualTo(theirs);
        assertThat(api.unsubscribe(reader, creator.id()).text("id")).isEqualTo(mine);
        assertThat(api.subscribe(reader, creator.id()).text("id")).isEqualTo(mine);
    }
}
