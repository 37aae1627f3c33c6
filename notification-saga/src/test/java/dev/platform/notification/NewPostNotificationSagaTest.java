package dev.platform.notification;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.platform.api.notification.DeliveriesReplayed;
import dev.platform.api.notification.RecipientsSelected;
import dev.platform.api.post.PostId;
import dev.platform.api.post.PostPublished;
import dev.platform.api.user.UserId;
import dev.platform.infra.axon.MessageMetadata;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The notification process of one post, given events and elapsed time, with its collaborators that touch
 * PostgreSQL and RabbitMQ (the ledger, the dispatcher) as mocks: what the saga decides from what they answer. The
 * real ledger and RabbitMQ are the end-to-end tests' (NotificationsEndToEndTest, DeliveryLeasesEndToEndTest).
 */
class NewPostNotificationSagaTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final PostId POST = new PostId(UUID.fromString("00000000-0000-0000-0000-00000000a001"));
    private static final UserId CREATOR = new UserId(UUID.fromString("00000000-0000-0000-0000-00000000c001"));
    private static final String PROGRESS = NewPostNotificationSaga.PROGRESS;

    private final NotificationProperties properties = NotificationDefaults.defaults();
    private final Duration interval = properties.progressInterval();
    private final Dispatcher dispatcher = mock(Dispatcher.class);
    private final DeliveryLedger ledger = mock(DeliveryLedger.class);
    private SagaTestFixture<NewPostNotificationSaga> fixture;

    @BeforeEach
    void fixture() {
        fixture = new SagaTestFixture<>(NewPostNotificationSaga.class);
        fixture.registerResource(dispatcher);
        fixture.registerResource(ledger);
        fixture.registerResource(properties);
        // The saga's clock is the fixture's, which the deadlines are scheduled by and which whenTimeElapses moves.
        fixture.registerResource(new FixtureClock(fixture));
        fixture.givenCurrentTime(NOW);
        when(ledger.reclaim(any())).thenReturn(new DeliveryLedger.Reclaimed(0, 0));
    }

    private static PostPublished published() {
        return new PostPublished(POST, CREATOR, "Title", "Content", NOW);
    }

    private static RecipientsSelected selected(int recipients) {
        return new RecipientsSelected(POST, NOW, recipients);
    }

    private static Map<String, String> request(String id) {
        return Map.of(MessageMetadata.REQUEST_ID, id);
    }

    private void open(long count, long onTheirWay, Instant nextAttemptAt) {
        when(ledger.openDeliveries(POST.value())).thenReturn(new DeliveryLedger.Open(count, onTheirWay, nextAttemptAt));
    }

    @Test
    void aPublicationStartsTheProcessOfItsPostAndSchedulesTheFirstCheckWithoutDispatchingYet() {
        fixture.givenNoPriorActivity()
                .whenAggregate(POST.toString())
                .publishes(published())
                .expectActiveSagas(1)
                .expectAssociationWith("postId", POST)
                .expectScheduledDeadlineWithName(interval, PROGRESS)
                .expectNoDispatchedCommands()
                .expectNoScheduledEvents();
        // The audience has not selected anyone yet: nothing to publish, nothing to ask the ledger.
        verifyNoInteractions(dispatcher, ledger);
    }

    @Test
    void theSelectedRecipientsAreDispatchedUnderTheRequestThatCausedThem() {
        open(3, 3, null);

        fixture.givenAggregate(POST.toString())
                .published(published())
                .whenPublishingA(selected(3), request("req-publish"))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(interval, PROGRESS)
                .expectNoDispatchedCommands();
        verify(dispatcher).dispatch(POST.value(), "req-publish");
    }

    @Test
    void aPublicationWithNothingOpenOnceItsRecipientsAreSelectedEndsTheProcessAndItsChecks() {
        open(0, 0, null);

        fixture.givenAggregate(POST.toString())
                .published(published())
                .whenPublishingA(selected(0), request("req-none"))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
        verify(dispatcher).dispatch(POST.value(), "req-none");
    }

    @Test
    void theProcessOfARepublishedPostEndsOnceTheSelectionOfEachPublicationHasCome() {
        open(0, 0, null);

        fixture.givenAggregate(POST.toString())
                .published(published(), published())
                .andThenAPublished(selected(2))
                .whenPublishingA(selected(0))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void theFirstOfTwoSelectionsDoesNotEndTheProcessOfARepublishedPost() {
        open(0, 0, null);

        fixture.givenAggregate(POST.toString())
                .published(published(), published())
                .whenPublishingA(selected(2))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(interval, PROGRESS);
    }

    @Test
    void aLedgerThatCannotTellKeepsTheProcessCheckingEveryInterval() {
        when(ledger.openDeliveries(POST.value())).thenThrow(new CannotAcquireLockException("lock timeout"));

        fixture.givenAggregate(POST.toString())
                .published(published())
                .whenPublishingA(selected(0))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(interval, PROGRESS);
    }

    @Test
    void whenEveryOpenDeliveryWaitsForARetryTheNextCheckComesWhenTheEarliestIsDue() {
        open(2, 0, NOW.plus(Duration.ofMinutes(10)));

        fixture.givenAggregate(POST.toString())
                .published(published())
                .whenPublishingA(selected(2))
                .expectScheduledDeadlineWithName(Duration.ofMinutes(10), PROGRESS)
                .expectNoScheduledDeadlineWithName(interval, PROGRESS);
    }

    @Test
    void aRetryDueSoonerThanTheIntervalIsCheckedAfterTheInterval() {
        open(1, 0, NOW.plusMillis(200));

        fixture.givenAggregate(POST.toString())
                .published(published())
                .whenPublishingA(selected(1))
                .expectScheduledDeadlineWithName(interval, PROGRESS);
    }

    @Test
    void aRetryDueTomorrowIsCheckedWithinTheHour() {
        open(1, 0, NOW.plus(Duration.ofDays(1)));

        fixture.givenAggregate(POST.toString())
                .published(published())
                .whenPublishingA(selected(1))
                .expectScheduledDeadlineWithName(Duration.ofHours(1), PROGRESS)
                .expectNoScheduledDeadlineWithName(Duration.ofDays(1), PROGRESS);
    }

    @Test
    void aDeliveryOnItsWayKeepsTheIntervalWhateverTheRetriesWaitFor() {
        open(2, 1, NOW.plus(Duration.ofMinutes(30)));

        fixture.givenAggregate(POST.toString())
                .published(published())
                .whenPublishingA(selected(2))
                .expectScheduledDeadlineWithName(interval, PROGRESS)
                .expectNoScheduledDeadlineWithName(Duration.ofMinutes(30), PROGRESS);
    }

    @Test
    void onlyTheLatestCheckIsPending() throws Exception {
        open(1, 1, null);
        Duration later = Duration.ofSeconds(2);

        fixture.givenAggregate(POST.toString())
                .published(published())
                .andThenTimeElapses(later)
                .whenPublishingA(selected(1))
                // The check the publication scheduled is replaced by the one the selection scheduled.
                .expectNoScheduledDeadlineWithName(NOW.plus(interval), PROGRESS)
                .expectScheduledDeadlineWithName(NOW.plus(later).plus(interval), PROGRESS);
    }

    @Test
    void theProgressCheckTakesBackExpiredLeasesAndDueRetriesThenPublishesWhatIsSelected() {
        open(2, 2, null);
        when(ledger.reclaim(POST.value())).thenReturn(new DeliveryLedger.Reclaimed(1, 1));

        fixture.givenAggregate(POST.toString())
                .published(published())
                .andThenAPublished(selected(2), request("req-publish"))
                .whenTimeElapses(interval)
                .expectTriggeredDeadlinesWithName(PROGRESS)
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(interval, PROGRESS);
        verify(ledger).reclaim(POST.value());
        // A check publishes under no request: no client asked for it.
        verify(dispatcher).dispatch(POST.value(), null);
    }

    @Test
    void theProgressCheckEndsTheProcessOnceNothingIsOpen() {
        when(ledger.openDeliveries(POST.value()))
                .thenReturn(new DeliveryLedger.Open(2, 2, null))
                .thenReturn(new DeliveryLedger.Open(0, 0, null));

        fixture.givenAggregate(POST.toString())
                .published(published())
                .andThenAPublished(selected(2))
                .whenTimeElapses(interval)
                .expectTriggeredDeadlinesWithName(PROGRESS)
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void theProgressCheckBeforeTheAudienceHasSelectedAnyoneWaitsForTheSelection() {
        open(0, 0, null);

        fixture.givenAggregate(POST.toString())
                .published(published())
                .whenTimeElapses(interval)
                .expectTriggeredDeadlinesWithName(PROGRESS)
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(interval, PROGRESS);
    }

    @Test
    void aLedgerFailureWhileTakingBackLeasesStillPublishesAndChecksAgain() {
        open(1, 1, null);
        when(ledger.reclaim(POST.value())).thenThrow(new DataAccessResourceFailureException("connection lost"));

        fixture.givenAggregate(POST.toString())
                .published(published())
                .andThenAPublished(selected(1), request("req-publish"))
                .whenTimeElapses(interval)
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(interval, PROGRESS);
        verify(dispatcher).dispatch(POST.value(), null);
    }

    @Test
    void aReplayAfterTheProcessEndedStartsANewOneThatFollowsTheReplayedDeliveries() {
        open(2, 2, null);

        fixture.givenNoPriorActivity()
                .whenPublishingA(new DeliveriesReplayed(POST, 2), request("req-replay"))
                .expectActiveSagas(1)
                .expectAssociationWith("postId", POST)
                .expectScheduledDeadlineWithName(interval, PROGRESS);
        verify(dispatcher).dispatch(POST.value(), "req-replay");
    }

    @Test
    void aReplayWhileTheProcessRunsJoinsIt() {
        open(2, 2, null);

        fixture.givenAggregate(POST.toString())
                .published(published())
                .whenPublishingA(new DeliveriesReplayed(POST, 2), request("req-replay"))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(interval, PROGRESS);
        verify(dispatcher).dispatch(POST.value(), "req-replay");
    }

    @Test
    void aReplayWhileTheProcessRunsDoesNotEndItBeforeThePublicationsRecipientsAreSelected() {
        open(0, 0, null);

        fixture.givenAggregate(POST.toString())
                .published(published())
                .whenPublishingA(new DeliveriesReplayed(POST, 0))
                .expectActiveSagas(1);
    }

    @Test
    void aReplayWhoseDeliveriesAreAlreadyFinishedEndsItsProcessAtOnce() {
        open(0, 0, null);

        fixture.givenNoPriorActivity()
                .whenPublishingA(new DeliveriesReplayed(POST, 1))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void anotherPostsEventsLeaveTheProcessAlone() {
        PostId other = new PostId(UUID.fromString("00000000-0000-0000-0000-00000000a002"));
        open(1, 1, null);

        fixture.givenAggregate(POST.toString())
                .published(published())
                .whenPublishingA(new RecipientsSelected(other, NOW, 1))
                .expectActiveSagas(1)
                .expectNoAssociationWith("postId", other);
        verify(dispatcher, never()).dispatch(any(), any());
    }

    /** The fixture's current time as a {@link Clock}. */
    private static final class FixtureClock extends Clock {
        private final SagaTestFixture<?> fixture;

        FixtureClock(SagaTestFixture<?> fixture) {
            this.fixture = fixture;
        }

        @Override
        public Instant instant() {
            return fixture.currentTime();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the saga reads instants only");
        }
    }
}
