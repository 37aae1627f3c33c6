package dev.platform.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platform.api.notification.RecipientsSelected;
import dev.platform.api.post.PostCreated;
import dev.platform.api.post.PostDeleted;
import dev.platform.api.post.PostDeletedAs;
import dev.platform.api.post.PostEvent;
import dev.platform.api.post.PostId;
import dev.platform.api.post.PostPublished;
import dev.platform.api.post.PostUnpublished;
import dev.platform.api.subscription.SubscriptionCancelled;
import dev.platform.api.subscription.SubscriptionId;
import dev.platform.api.subscription.SubscriptionStarted;
import dev.platform.api.user.EmailVerified;
import dev.platform.api.user.PasswordResetRequested;
import dev.platform.api.user.Role;
import dev.platform.api.user.UserErased;
import dev.platform.api.user.UserId;
import dev.platform.api.user.UserRegistered;
import dev.platform.api.user.VerificationRequested;
import dev.platform.infra.db.StatementsAtCommit;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.SimpleEventBus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The audience, fed its events directly in stream order, against the notification side's tables: who is selected
 * at a publication (the subscribers active at that moment who were never e-mailed about the post), what it tells
 * the saga, and that a replay never selects anyone; with {@code verified-only}, who is skipped and how it is counted.
 */
class NotificationAudienceTest {

    @RegisterExtension
    static final NotificationDatabase database = new NotificationDatabase();

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final UserId CREATOR = id("c1");
    private static final UserId ADA = id("a1");
    private static final UserId BOB = id("a2");
    private static final UserId CAROL = id("a3");
    private static final PostId POST = new PostId(UUID.fromString("00000000-0000-0000-0000-0000000000e1"));

    private final List<Object> emitted = new ArrayList<>();
    private NotificationAudience audience;
    private DeliveryLedger ledger;
    private SimpleEventBus bus;

    private static UserId id(String suffix) {
        return new UserId(UUID.fromString("00000000-0000-0000-0000-0000000000" + suffix));
    }

    @BeforeEach
    void emptyTables() {
        bus = SimpleEventBus.builder().build();
        bus.subscribe(messages -> messages.forEach(message -> emitted.add(message.getPayload())));
        ledger = new DeliveryLedger(database.jdbc(), Clock.fixed(T0, ZoneOffset.UTC));
        audience = audience(false);
        audience.reset();
        database.jdbc().update("TRUNCATE notification_delivery, account_email");
        for (UserId user : List.of(CREATOR, ADA, BOB, CAROL)) {
            audience.on(
                    new UserRegistered(user, user.value() + "@example.com", "user", Role.READER, T0),
                    ReplayStatus.REGULAR);
        }
        audience.on(new PostCreated(POST, CREATOR, "Draft", "Text", T0));
    }

    private NotificationAudience audience(boolean verifiedOnly) {
        AccountEmails accountEmails = new AccountEmails(database.jdbc(), Clock.fixed(T0, ZoneOffset.UTC));
        return new NotificationAudience(
                database.jdbc(),
                ledger,
                bus,
                accountEmails,
                NotificationDefaults.with(Map.of("verified-only", String.valueOf(verifiedOnly))),
                new StatementsAtCommit(database.jdbc()));
    }

    private void subscribes(UserId subscriber, UserId creator, Instant at) {
        audience.on(new SubscriptionStarted(subscription(subscriber, creator), subscriber, creator, at));
    }

    private void cancels(UserId subscriber, UserId creator, Instant at) {
        audience.on(new SubscriptionCancelled(subscription(subscriber, creator), subscriber, creator, at));
    }

    private static SubscriptionId subscription(UserId subscriber, UserId creator) {
        return new SubscriptionId(
                UUID.nameUUIDFromBytes((subscriber + "/" + creator).getBytes(StandardCharsets.UTF_8)));
    }

    private void publishes(Instant at, ReplayStatus status) {
        audience.on(new PostPublished(POST, CREATOR, "Title", "Content", at), status);
    }

    private Map<UUID, String> deliveries() {
        Map<UUID, String> statuses = new TreeMap<>();
        database.jdbc()
                .query(
                        "SELECT subscriber_id, status FROM notification_delivery WHERE post_id = ?",
                        rs -> {
                            statuses.put(rs.getObject(1, UUID.class), rs.getString(2));
                        },
                        POST.value());
        return statuses;
    }

    @Test
    void thePostEventsTheStatsReadWaitsForAreExactlyThePostEventsItsHandlersTake() {
        List<Class<?>> handled = Arrays.stream(NotificationAudience.class.getDeclaredMethods())
                .filter(method -> method.isAnnotationPresent(EventHandler.class))
                .map(method -> method.getParameterTypes()[0])
                .filter(PostEvent.class::isAssignableFrom)
                .collect(Collectors.toList());

        assertThat(handled).containsExactlyInAnyOrderElementsOf(NotificationAudience.POST_EVENTS);
    }

    @Test
    void theRecipientsAreTheCreatorsSubscribersActiveAtThePublication() {
        subscribes(ADA, CREATOR, T0.plusSeconds(1));
        subscribes(BOB, CREATOR, T0.plusSeconds(2));
        cancels(BOB, CREATOR, T0.plusSeconds(3));
        subscribes(CAROL, BOB, T0.plusSeconds(4));

        publishes(T0.plusSeconds(10), ReplayStatus.REGULAR);
        subscribes(CAROL, CREATOR, T0.plusSeconds(11));

        assertThat(deliveries()).isEqualTo(Map.of(ADA.value(), "selected"));
        assertThat(emitted).containsExactly(new RecipientsSelected(POST, T0.plusSeconds(10), 1));
    }

    @Test
    void aRepublicationSelectsOnlyThoseNeverEmailedAboutThePost() {
        subscribes(ADA, CREATOR, T0.plusSeconds(1));
        publishes(T0.plusSeconds(10), ReplayStatus.REGULAR);
        database.jdbc().update("UPDATE notification_delivery SET status = 'sent'");
        subscribes(BOB, CREATOR, T0.plusSeconds(20));

        publishes(T0.plusSeconds(30), ReplayStatus.REGULAR);

        assertThat(deliveries()).isEqualTo(Map.of(ADA.value(), "sent", BOB.value(), "selected"));
        assertThat(emitted).last().isEqualTo(new RecipientsSelected(POST, T0.plusSeconds(30), 1));
    }

    @Test
    void aDeliveryCancelledBeforeItWasSentIsSelectedAgainByARepublication() {
        subscribes(ADA, CREATOR, T0.plusSeconds(1));
        publishes(T0.plusSeconds(10), ReplayStatus.REGULAR);
        database.jdbc().update("UPDATE notification_delivery SET status = 'cancelled'");

        publishes(T0.plusSeconds(30), ReplayStatus.REGULAR);

        assertThat(deliveries()).isEqualTo(Map.of(ADA.value(), "selected"));
        assertThat(emitted).last().isEqualTo(new RecipientsSelected(POST, T0.plusSeconds(30), 1));
    }

    @Test
    void aReplayedPublicationRebuildsThePostButSelectsAndTellsNothing() {
        subscribes(ADA, CREATOR, T0.plusSeconds(1));

        publishes(T0.plusSeconds(10), ReplayStatus.REPLAY);

        assertThat(deliveries()).isEmpty();
        assertThat(emitted).isEmpty();
        assertThat(database.jdbc()
                        .queryForObject(
                                "SELECT published FROM notification_post WHERE post_id = ?",
                                Boolean.class,
                                POST.value()))
                .isTrue();
    }

    private List<Map<String, Object>> accountEmails(UserId user) {
        return database.jdbc()
                .queryForList(
                        "SELECT kind, request_no, status FROM account_email WHERE user_id = ? ORDER BY request_no",
                        user.value());
    }

    @Test
    void aRegistrationAndEachVerificationRequestAskForOneEmailEvenWhenRedelivered() {
        UserRegistered registered = new UserRegistered(ADA, "ada@example.com", "ada", Role.READER, T0);
        audience.on(registered, ReplayStatus.REGULAR);
        audience.on(new VerificationRequested(ADA, 2, T0.plusSeconds(60)), ReplayStatus.REGULAR);
        audience.on(new VerificationRequested(ADA, 2, T0.plusSeconds(60)), ReplayStatus.REGULAR);

        assertThat(accountEmails(ADA))
                .extracting(row -> row.get("kind") + "/" + row.get("request_no") + "/" + row.get("status"))
                .containsExactly("verify-email/1/selected", "verify-email/2/selected");
    }

    @Test
    void eachPasswordResetRequestAsksForOneEmailEvenWhenRedeliveredAndNoneOnAReplay() {
        UserId eve = id("a5");
        audience.on(new UserRegistered(eve, "eve@example.com", "eve", Role.READER, T0), ReplayStatus.REGULAR);
        audience.on(new PasswordResetRequested(eve, 1, T0.plusSeconds(10)), ReplayStatus.REGULAR);
        audience.on(new PasswordResetRequested(eve, 1, T0.plusSeconds(10)), ReplayStatus.REGULAR);
        audience.on(new PasswordResetRequested(eve, 2, T0.plusSeconds(20)), ReplayStatus.REGULAR);
        audience.on(new PasswordResetRequested(eve, 3, T0.plusSeconds(30)), ReplayStatus.REPLAY);

        assertThat(accountEmails(eve))
                .extracting(row -> row.get("kind") + "/" + row.get("request_no") + "/" + row.get("status"))
                .containsExactlyInAnyOrder(
                        "password-reset/1/selected", "password-reset/2/selected", "verify-email/1/selected");
    }

    @Test
    void aReplayedRegistrationOrRequestAsksForNoEmail() {
        UserId dan = id("a4");
        audience.on(new UserRegistered(dan, "dan@example.com", "dan", Role.READER, T0), ReplayStatus.REPLAY);
        audience.on(new VerificationRequested(dan, 2, T0.plusSeconds(60)), ReplayStatus.REPLAY);

        assertThat(accountEmails(dan)).isEmpty();
        assertThat(database.jdbc()
                        .queryForObject(
                                "SELECT email FROM notification_user WHERE user_id = ?", String.class, dan.value()))
                .isEqualTo("dan@example.com");
    }

    @Test
    void aPostIsKeptAsItsLatestPublicationLeftItAndMarkedWhenUnpublished() {
        publishes(T0.plusSeconds(10), ReplayStatus.REGULAR);
        // A redelivered creation must not turn the published post back into a draft.
        audience.on(new PostCreated(POST, CREATOR, "Draft", "Text", T0));

        Map<String, Object> published = database.jdbc()
                .queryForMap("SELECT published, title, excerpt FROM notification_post WHERE post_id = ?", POST.value());
        assertThat(published)
                .containsEntry("published", true)
                .containsEntry("title", "Title")
                .containsEntry("excerpt", PostExcerpt.of("Content").text());

        audience.on(new PostUnpublished(POST, CREATOR, T0.plusSeconds(20)));

        assertThat(database.jdbc()
                        .queryForObject(
                                "SELECT published FROM notification_post WHERE post_id = ?",
                                Boolean.class,
                                POST.value()))
                .isFalse();
    }

    @Test
    void aDeletionWithdrawsTheDeliveriesNotSentYetAndLeavesSentAndSendingOnes() {
        for (UserId subscriber : List.of(ADA, BOB, CAROL)) {
            subscribes(subscriber, CREATOR, T0.plusSeconds(1));
        }
        publishes(T0.plusSeconds(10), ReplayStatus.REGULAR);
        database.jdbc().update("UPDATE notification_delivery SET status = 'sent' WHERE subscriber_id = ?", BOB.value());
        database.jdbc()
                .update(
                        "UPDATE notification_delivery SET status = 'sending', lease_until = ? WHERE subscriber_id = ?",
                        java.sql.Timestamp.from(T0),
                        CAROL.value());

        audience.on(new PostDeleted(POST, CREATOR, CREATOR, PostDeletedAs.CREATOR, T0.plusSeconds(20)));

        assertThat(deliveries())
                .isEqualTo(Map.of(ADA.value(), "withdrawn", BOB.value(), "sent", CAROL.value(), "sending"));
        assertThat(database.jdbc()
                        .queryForMap(
                                "SELECT published, deleted_at FROM notification_post WHERE post_id = ?", POST.value()))
                .containsEntry("published", false)
                .containsEntry("deleted_at", java.sql.Timestamp.from(T0.plusSeconds(20)));

        // The sending one's worker died; its redelivered message finds the post deleted and withdraws it.
        DeliveryLedger.Claim claim = ledger.claim(POST.value(), CAROL.value(), true, null, Duration.ofMinutes(1))
                .orElseThrow();
        assertThat(claim.recipient())
                .hasValueSatisfying(
                        recipient -> assertThat(recipient.postDeleted()).isTrue());
        ledger.markWithdrawn(POST.value(), CAROL.value());

        assertThat(deliveries().get(CAROL.value())).isEqualTo("withdrawn");
        DeliveryLedger.Stats stats = ledger.stats(POST.value());
        assertThat(List.of(stats.recipients(), stats.sent(), stats.pending(), stats.withdrawn()))
                .containsExactly(3L, 1L, 0L, 2L);
        assertThat(ledger.openDeliveries(POST.value()).count())
                .as("nothing left for the saga")
                .isZero();
    }

    @Test
    void aDeletedPostsFailedDeliveriesAreNotReplayed() {
        subscribes(ADA, CREATOR, T0.plusSeconds(1));
        publishes(T0.plusSeconds(10), ReplayStatus.REGULAR);
        database.jdbc().update("UPDATE notification_delivery SET status = 'failed'");

        audience.on(new PostDeleted(POST, CREATOR, CREATOR, PostDeletedAs.ADMIN, T0.plusSeconds(20)));

        assertThat(ledger.replayFailed(null)).isEmpty();
        assertThat(deliveries()).isEqualTo(Map.of(ADA.value(), "failed"));
    }

    @Test
    void theResetEmptiesTheAudiencesTablesButKeepsTheLedger() {
        subscribes(ADA, CREATOR, T0.plusSeconds(1));
        publishes(T0.plusSeconds(10), ReplayStatus.REGULAR);

        audience.reset();

        for (String table : List.of("notification_user", "notification_subscriber", "notification_post")) {
            assertThat(database.jdbc().queryForObject("SELECT count(*) FROM " + table, Long.class))
                    .as(table)
                    .isZero();
        }
        assertThat(deliveries()).containsOnlyKeys(ADA.value());
    }

    private void adaAndBobAreSelectedForThePublication() {
        subscribes(ADA, CREATOR, T0.plusSeconds(1));
        subscribes(BOB, CREATOR, T0.plusSeconds(2));
        publishes(T0.plusSeconds(10), ReplayStatus.REGULAR);
    }

    @Test
    void anErasureForgetsTheAddressAndCancelsEveryOpenEmailOfThePerson() {
        adaAndBobAreSelectedForThePublication();
        database.jdbc()
                .update("UPDATE notification_delivery SET status = 'retrying' WHERE subscriber_id = ?", ADA.value());

        audience.on(new UserErased(ADA, ADA, T0.plusSeconds(20)));
        // A redelivered registration (or one replayed) does not bring the address back.
        audience.on(new UserRegistered(ADA, "ada-again@example.com", "user", Role.READER, T0), ReplayStatus.REGULAR);

        assertThat(deliveries()).isEqualTo(Map.of(ADA.value(), "cancelled", BOB.value(), "selected"));
        assertThat(database.jdbc()
                        .queryForList("SELECT status FROM account_email WHERE user_id = ?", String.class, ADA.value()))
                .containsOnly("cancelled");
        assertThat(database.jdbc()
                        .queryForMap("SELECT email, erased FROM notification_user WHERE user_id = ?", ADA.value()))
                .containsEntry("email", null)
                .containsEntry("erased", true);
    }

    @Test
    void aClaimTellsOfAnErasureTheAudienceHasNotSeenYet() {
        adaAndBobAreSelectedForThePublication();
        // The erasure's own transaction marks the key erased; its UserErased has not reached this side.
        database.jdbc()
                .update(
                        "INSERT INTO personal_data_key (user_id, key_id, secret, created_at, erased_at) "
                                + "VALUES (?, 'none', NULL, now(), now())",
                        ADA.value());

        DeliveryLedger.Claim ada = ledger.claim(POST.value(), ADA.value(), false, null, Duration.ofMinutes(1))
                .orElseThrow();
        DeliveryLedger.Claim bob = ledger.claim(POST.value(), BOB.value(), false, null, Duration.ofMinutes(1))
                .orElseThrow();

        assertThat(ada.subscriberErased()).isTrue();
        assertThat(bob.subscriberErased()).isFalse();
    }

    private void verifies(UserId user, Instant at) {
        audience.on(new EmailVerified(user, at));
    }

    private boolean verified(UserId user) {
        return database.jdbc()
                .queryForObject(
                        "SELECT email_verified FROM notification_user WHERE user_id = ?", Boolean.class, user.value());
    }

    @Test
    void withVerifiedOnlyAnUnverifiedSubscriberIsSkippedAndCountedOnceHoweverOftenThePublicationArrives() {
        audience = audience(true);
        subscribes(ADA, CREATOR, T0.plusSeconds(1));
        subscribes(BOB, CREATOR, T0.plusSeconds(2));
        subscribes(CAROL, CREATOR, T0.plusSeconds(3));
        verifies(ADA, T0.plusSeconds(4)); // registered unverified, verified later

        publishes(T0.plusSeconds(10), ReplayStatus.REGULAR);
        publishes(T0.plusSeconds(10), ReplayStatus.REGULAR); // the same event redelivered

        assertThat(deliveries())
                .isEqualTo(Map.of(ADA.value(), "selected", BOB.value(), "skipped", CAROL.value(), "skipped"));
        assertThat(emitted)
                .containsExactly(
                        new RecipientsSelected(POST, T0.plusSeconds(10), 1),
                        new RecipientsSelected(POST, T0.plusSeconds(10), 0));
        DeliveryLedger.Stats stats = ledger.stats(POST.value());
        assertThat(stats.recipients()).isEqualTo(1);
        assertThat(stats.skippedUnverified()).isEqualTo(2);
        assertThat(stats.pending()).isEqualTo(1);
    }

    @Test
    void aSkippedSubscriberIsSelectedByARepublicationOnceVerifiedAndNotCountedAsSkippedAnyMore() {
        audience = audience(true);
        subscribes(ADA, CREATOR, T0.plusSeconds(1));
        subscribes(BOB, CREATOR, T0.plusSeconds(2));
        publishes(T0.plusSeconds(10), ReplayStatus.REGULAR);
        assertThat(deliveries()).isEqualTo(Map.of(ADA.value(), "skipped", BOB.value(), "skipped"));

        verifies(BOB, T0.plusSeconds(20));
        publishes(T0.plusSeconds(30), ReplayStatus.REGULAR);

        assertThat(deliveries()).isEqualTo(Map.of(ADA.value(), "skipped", BOB.value(), "selected"));
        assertThat(emitted).last().isEqualTo(new RecipientsSelected(POST, T0.plusSeconds(30), 1));
        DeliveryLedger.Stats stats = ledger.stats(POST.value());
        assertThat(stats.recipients()).isEqualTo(1);
        assertThat(stats.skippedUnverified()).isEqualTo(1);
    }

    @Test
    void withoutVerifiedOnlyUnverifiedSubscribersAreSelectedAndNoneIsSkipped() {
        subscribes(ADA, CREATOR, T0.plusSeconds(1));
        subscribes(BOB, CREATOR, T0.plusSeconds(2));
        verifies(ADA, T0.plusSeconds(3));

        publishes(T0.plusSeconds(10), ReplayStatus.REGULAR);

        assertThat(deliveries()).isEqualTo(Map.of(ADA.value(), "selected", BOB.value(), "selected"));
        assertThat(ledger.stats(POST.value()).skippedUnverified()).isZero();
        assertThat(ledger.stats(POST.value()).recipients()).isEqualTo(2);
    }

    @Test
    void theVerifiedStateIsRebuiltByAReplayAndKeptWhenARegistrationIsRedelivered() {
        verifies(ADA, T0.plusSeconds(1));
        audience.on(
                new UserRegistered(ADA, ADA.value() + "@example.com", "user", Role.READER, T0), ReplayStatus.REGULAR);
        assertThat(verified(ADA)).isTrue();
        assertThat(verified(BOB)).isFalse();

        audience.reset();
        audience.on(new UserRegistered(ADA, "ada@example.com", "ada", Role.READER, T0), ReplayStatus.REPLAY);
        assertThat(verified(ADA)).isFalse();
        verifies(ADA, T0.plusSeconds(1));

        assertThat(verified(ADA)).isTrue();
    }

    @Test
    void aVerificationOfAUserTheAudienceNeverSawFailsInsteadOfBeingLost() {
        UserId stranger = id("a9");

        assertThatThrownBy(() -> verifies(stranger, T0)).isInstanceOf(IllegalStateException.class);
    }
}
