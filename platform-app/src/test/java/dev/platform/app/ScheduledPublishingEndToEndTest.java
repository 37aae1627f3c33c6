package dev.platform.app;

import static dev.platform.app.Api.assertFieldError;
import static dev.platform.app.Api.assertRefused;
import static dev.platform.app.Api.ids;
import static dev.platform.app.EventStore.eventTypes;
import static dev.platform.app.EventStore.postEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import jakarta.mail.MessagingException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Scheduled publishing ({@code POST /posts/{id}/publish} with {@code publish_at}): a scheduled post is its
 * creator's alone until its instant, then it publishes itself once and its subscribers get one e-mail each; it can
 * be moved, cancelled ({@code /unschedule}) or published at once. The instants are seconds ahead; the scheduler
 * polls every 500 ms (the default), so a publication goes out within about a second of its instant here.
 */
class ScheduledPublishingEndToEndTest extends EndToEndTest {

    /** How late a publication may go out after its instant here: the poll interval and a slow machine's margin. */
    static final Duration LATENESS = Duration.ofSeconds(5);

    static Response schedule(Api api, String postId, TestUser creator, Object publishAt) {
        return api.request("POST", "/api/v1/posts/" + postId + "/publish")
                .token(creator.token())
                .json(Map.of("publish_at", publishAt.toString()))
                .send();
    }

    static Instant inSeconds(long seconds) {
        return Instant.now().plusSeconds(seconds).truncatedTo(ChronoUnit.MILLIS);
    }

    private Response unschedule(String postId, TestUser caller) {
        return api.request("POST", "/api/v1/posts/" + postId + "/unschedule")
                .token(caller.token())
                .send();
    }

    /** The e-mails about this post (its id is in their Message-ID) that reached this address. */
    static long mailsAbout(String postId, String address) {
        return TestMail.to(address).stream()
                .filter(message -> {
                    try {
                        return message.getMessageID() != null
                                && message.getMessageID().contains(postId);
                    } catch (MessagingException e) {
                        return false;
                    }
                })
                .count();
    }

    private long publications(String postId) {
        return eventTypes(postId).stream()
                .filter(type -> type.endsWith(".PostPublished"))
                .count();
    }

    private Response awaitPublished(String postId, TestUser reader, Instant publishAt) {
        Response[] read = new Response[1];
        await().atMost(Duration.between(Instant.now(), publishAt).plus(LATENESS.multipliedBy(2)))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> (read[0] = api.readPost(postId, reader)).status() == 200);
        return read[0];
    }

    @Test
    void aScheduledPostIsItsCreatorsUntilItsInstantThenPublishesOnceAndMailsEachSubscriberOnce() {
        TestUser creator = api.newUser("creator");
        List<TestUser> subscribers = api.newSubscribers(creator, 2);
        TestUser stranger = api.newUser("reader");
        String postId = api.newPost(creator, "Later", "Out at the instant");
        Instant publishAt = inSeconds(4);

        Response scheduled = schedule(api, postId, creator, publishAt);

        assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(200);
        assertThat(scheduled.text("status")).isEqualTo("scheduled");
        assertThat(Instant.parse(scheduled.text("publish_at"))).isEqualTo(publishAt);
        assertThat(scheduled.body().get("published_at").isNull()).isTrue();
        Response own = api.readPost(postId, creator);
        assertThat(own.text("status")).isEqualTo("scheduled");
        assertThat(Instant.parse(own.text("publish_at"))).isEqualTo(publishAt);
        Response ownList = api.creatorPosts(creator.id(), "?status=scheduled", creator);
        assertThat(ids(ownList)).containsExactly(postId);
        assertThat(Instant.parse(ownList.body().get(0).path("publish_at").asText()))
                .isEqualTo(publishAt);
        assertThat(ids(api.creatorPosts(creator.id(), "?status=draft", creator)))
                .isEmpty();
        assertThat(ids(api.creatorPosts(creator.id(), "?status=scheduled", stranger)))
                .isEmpty();
        assertThat(ids(api.creatorPosts(creator.id(), "", stranger))).isEmpty();
        assertRefused(api.readPost(postId, stranger), 404, "POST_NOT_FOUND");
        assertRefused(api.get("/api/v1/posts/" + postId + "/history", stranger.token()), 404, "POST_NOT_FOUND");
        assertThat(TestMail.about(postId)).isEmpty();

        Response published = awaitPublished(postId, stranger, publishAt);

        assertThat(published.text("status")).isEqualTo("published");
        assertThat(published.body().get("publish_at").isNull()).isTrue();
        Instant publishedAt = Instant.parse(published.text("published_at"));
        assertThat(publishedAt).isBetween(publishAt, publishAt.plus(LATENESS));
        assertThat(ids(api.creatorPosts(creator.id(), "", stranger))).containsExactly(postId);
        assertThat(ids(api.creatorPosts(creator.id(), "?status=scheduled", creator)))
                .isEmpty();
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> TestMail.about(postId).size() >= subscribers.size());
        // Held a little longer: a second firing would have mailed again by now.
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> TestMail.about(postId).size() == subscribers.size());
        for (TestUser subscriber : subscribers) {
            assertThat(mailsAbout(postId, subscriber.email()))
                    .as(subscriber.email())
                    .isEqualTo(1);
        }
        assertThat(publications(postId)).isEqualTo(1);
        assertThat(scheduledRows(postId)).isZero();
    }

    @Test
    void anUnscheduledPostStaysADraftPastItsInstant() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPost(creator, "Never mind", "Kept back");
        Instant publishAt = inSeconds(2);
        assertThat(schedule(api, postId, creator, publishAt).status()).isEqualTo(200);
        assertRefused(unschedule(postId, reader), 404, "POST_NOT_FOUND");

        Response unscheduled = unschedule(postId, creator);

        assertThat(unscheduled.status()).as(unscheduled.toString()).isEqualTo(200);
        assertThat(unscheduled.text("status")).isEqualTo("draft");
        assertThat(unscheduled.body().get("publish_at").isNull()).isTrue();
        assertThat(unscheduled.header("ETag")).isPresent();
        assertThat(api.readPost(postId, creator).body().get("publish_at").isNull())
                .isTrue();
        await().during(Duration.between(Instant.now(), publishAt).plus(Duration.ofSeconds(2)))
                .atMost(Duration.ofSeconds(10))
                .until(() -> api.readPost(postId, reader).status() == 404);
        assertThat(publications(postId)).isZero();
        // Again: already a draft, answered the same, nothing stored.
        int events = EventStore.eventsOf(postId);
        Response again = unschedule(postId, creator);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("status")).isEqualTo("draft");
        assertThat(EventStore.eventsOf(postId)).isEqualTo(events);
    }

    @Test
    void aDeletedScheduledPostNeverPublishesAndItsScheduleEndsWithIt() {
        TestUser creator = api.newUser("creator");
        List<TestUser> subscribers = api.newSubscribers(creator, 1);
        String postId = api.newPost(creator, "Scheduled, then deleted", "Never out");
        Instant publishAt = inSeconds(2);
        assertThat(schedule(api, postId, creator, publishAt).status()).isEqualTo(200);
        assertThat(scheduledRows(postId)).isEqualTo(1);

        Response deleted = api.request("DELETE", "/api/v1/posts/" + postId)
                .token(creator.token())
                .send();

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(scheduledRows(postId)).isZero();
        assertRefused(unschedule(postId, creator), 404, "POST_NOT_FOUND");
        assertRefused(schedule(api, postId, creator, inSeconds(60)), 404, "POST_NOT_FOUND");
        await().during(Duration.between(Instant.now(), publishAt).plus(Duration.ofSeconds(2)))
                .atMost(Duration.ofSeconds(10))
                .until(() -> publications(postId) == 0);
        assertThat(mailsAbout(postId, subscribers.get(0).email())).isZero();
    }

    @Test
    void schedulingAgainMovesTheInstantEitherWay() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPost(creator, "Moved", "Twice");
        Instant soon = inSeconds(2);
        assertThat(schedule(api, postId, creator, soon).status()).isEqualTo(200);

        Response later = schedule(api, postId, creator, inSeconds(3600));
        assertThat(later.status()).as(later.toString()).isEqualTo(200);
        assertThat(Instant.parse(later.text("publish_at"))).isAfter(soon.plusSeconds(3000));
        await().during(Duration.between(Instant.now(), soon).plus(Duration.ofSeconds(2)))
                .atMost(Duration.ofSeconds(10))
                .until(() -> api.readPost(postId, reader).status() == 404);

        Instant sooner = inSeconds(2);
        Response moved = schedule(api, postId, creator, sooner);
        assertThat(Instant.parse(moved.text("publish_at"))).isEqualTo(sooner);
        Response published = awaitPublished(postId, reader, sooner);
        assertThat(Instant.parse(published.text("published_at"))).isBetween(sooner, sooner.plus(LATENESS));
        assertThat(eventTypes(postId))
                .extracting(type -> type.substring(type.lastIndexOf('.') + 1))
                .containsExactly("PostCreated", "PostScheduled", "PostScheduled", "PostScheduled", "PostPublished");
    }

    @Test
    void publishingNowEndsTheScheduleAndAPublishedPostCannotBeScheduledOrUnscheduled() {
        TestUser creator = api.newUser("creator");
        List<TestUser> subscribers = api.newSubscribers(creator, 1);
        String postId = api.newPost(creator, "Now after all", "Body");
        assertThat(schedule(api, postId, creator, inSeconds(3600)).status()).isEqualTo(200);

        Response now = api.publish(postId, creator);

        assertThat(now.status()).as(now.toString()).isEqualTo(200);
        assertThat(now.text("status")).isEqualTo("published");
        assertThat(now.body().get("publish_at").isNull()).isTrue();
        assertThat(scheduledRows(postId)).isZero();
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> mailsAbout(postId, subscribers.get(0).email()) == 1);
        assertRefused(schedule(api, postId, creator, inSeconds(60)), 409, "POST_ALREADY_PUBLISHED");
        assertRefused(unschedule(postId, creator), 409, "POST_ALREADY_PUBLISHED");
        assertThat(publications(postId)).isEqualTo(1);
    }

    @Test
    void aDueRowWhosePostDoesNotExistIsDroppedAndOneLeasedByADeadNodeGoesOutWhenTheLeaseRunsOut() {
        String noPost = UUID.randomUUID().toString();
        Sql.update(
                TestDatabase.sharedUrl(),
                "INSERT INTO scheduled_publication (post_id, publish_at) VALUES (?::uuid, now() - interval '1 second')",
                noPost);
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> scheduledRows(noPost) == 0);

        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPost(creator, "Leased", "By a node that died");
        Instant publishAt = inSeconds(3);
        assertThat(schedule(api, postId, creator, publishAt).status()).isEqualTo(200);
        // As a node leaves it that leased the row and died before its command.
        Instant leaseUntil = publishAt.plusSeconds(3);
        Sql.update(
                TestDatabase.sharedUrl(),
                "UPDATE scheduled_publication SET lease_until = ?, attempts = 1 WHERE post_id = ?::uuid",
                Timestamp.from(leaseUntil),
                postId);

        await().during(Duration.between(Instant.now(), publishAt).plusSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> api.readPost(postId, reader).status() == 404);
        Response published = awaitPublished(postId, reader, leaseUntil);
        assertThat(Instant.parse(published.text("published_at"))).isBetween(leaseUntil, leaseUntil.plus(LATENESS));
        assertThat(publications(postId)).isEqualTo(1);
        assertThat(scheduledRows(postId)).isZero();
    }

    private static long scheduledRows(String postId) {
        return Sql.number(
                TestDatabase.sharedUrl(), "SELECT count(*) FROM scheduled_publication WHERE post_id = ?::uuid", postId);
    }

    @Test
    void statusInAnUpdateUnschedulesOrPublishesAScheduledPost() {
        TestUser creator = api.newUser("creator");
        String first = api.newPost(creator, "One", "x");
        String second = api.newPost(creator, "Two", "x");
        schedule(api, first, creator, inSeconds(3600));
        schedule(api, second, creator, inSeconds(3600));

        Response draft = api.editPost(first, Map.of("status", "draft"), creator);
        Response published = api.editPost(second, Map.of("title", "Two, edited", "status", "published"), creator);

        assertThat(draft.text("status")).isEqualTo("draft");
        assertThat(draft.body().get("publish_at").isNull()).isTrue();
        assertThat(published.text("status")).isEqualTo("published");
        assertThat(published.text("title")).isEqualTo("Two, edited");
        assertThat(ids(api.creatorPosts(creator.id(), "?status=scheduled", creator)))
                .isEmpty();
    }

    @Test
    void anInstantNotAheadOrMoreThanAYearAheadIsRefusedAndChangesNothing() {
        TestUser creator = api.newUser("creator");
        TestUser stranger = api.newUser("creator");
        String postId = api.newPost(creator, "Validated", "x");
        long events = postEvents();

        assertFieldError(schedule(api, postId, creator, Instant.now().minusSeconds(60)), "publish_at");
        assertFieldError(schedule(api, postId, creator, "2020-01-01T00:00:00Z"), "publish_at");
        assertFieldError(schedule(api, postId, creator, inSeconds(366L * 24 * 3600)), "publish_at");
        assertFieldError(schedule(api, postId, creator, "tomorrow"), "publish_at");
        Response number = api.request("POST", "/api/v1/posts/" + postId + "/publish")
                .token(creator.token())
                .json("{\"publish_at\": 1767225600}")
                .send();
        assertFieldError(number, "publish_at");
        assertThat(postEvents()).isEqualTo(events);
        assertRefused(schedule(api, postId, stranger, inSeconds(60)), 404, "POST_NOT_FOUND");
        assertThat(postEvents()).isEqualTo(events);

        Response almostAYear = schedule(api, postId, creator, inSeconds(364L * 24 * 3600));
        assertThat(almostAYear.status()).as(almostAYear.toString()).isEqualTo(200);
        Response nullMeansNow = api.request("POST", "/api/v1/posts/" + postId + "/publish")
                .token(creator.token())
                .json("{\"publish_at\": null}")
                .send();
        assertThat(nullMeansNow.status()).as(nullMeansNow.toString()).isEqualTo(200);
        assertThat(nullMeansNow.text("status")).isEqualTo("published");
    }
}
