package dev.platform.command.subscription;

import static org.axonframework.test.matchers.Matchers.predicate;

import dev.platform.api.common.DomainException;
import dev.platform.api.common.ErrorCode;
import dev.platform.api.subscription.CancelledVia;
import dev.platform.api.subscription.SelfSubscriptionNotAllowed;
import dev.platform.api.subscription.Subscribe;
import dev.platform.api.subscription.SubscriptionCancelled;
import dev.platform.api.subscription.SubscriptionId;
import dev.platform.api.subscription.SubscriptionNotFound;
import dev.platform.api.subscription.SubscriptionStarted;
import dev.platform.api.subscription.Unsubscribe;
import dev.platform.api.user.UserId;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SubscriptionTest {

    private static final UserId READER = UserId.of("11111111-1111-1111-1111-111111111111");
    private static final UserId CREATOR = UserId.of("22222222-2222-2222-2222-222222222222");
    private static final SubscriptionId ID = SubscriptionId.forPair(READER, CREATOR);
    private static final Instant T1 = Instant.parse("2026-03-01T10:00:00.000Z");
    private static final Instant T2 = Instant.parse("2026-03-02T10:00:00.000Z");
    private static final Instant T3 = Instant.parse("2026-03-03T10:00:00.000Z");

    private FixtureConfiguration<Subscription> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Subscription.class);
    }

    private static SubscriptionStarted started(Instant at) {
        return new SubscriptionStarted(ID, READER, CREATOR, at);
    }

    private static SubscriptionCancelled cancelled(Instant at) {
        return new SubscriptionCancelled(ID, READER, CREATOR, at);
    }

    @Test
    void theFirstSubscribeStartsTheSubscriptionUnderThePairsId() {
        fixture.givenNoPriorActivity()
                .when(new Subscribe(READER, CREATOR, T1))
                .expectSuccessfulHandlerExecution()
                .expectEvents(started(T1))
                .expectResultMessagePayload(new SubscriptionResult(ID, READER, CREATOR, true, true, 0));
    }

    @Test
    void subscribingWhileActiveChangesNothing() {
        fixture.given(started(T1))
                .when(new Subscribe(READER, CREATOR, T2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new SubscriptionResult(ID, READER, CREATOR, true, false, 0));
    }

    @Test
    void subscribingAfterACancellationReactivatesTheSameSubscription() {
        fixture.given(started(T1), cancelled(T2))
                .when(new Subscribe(READER, CREATOR, T3))
                .expectSuccessfulHandlerExecution()
                .expectEvents(started(T3))
                .expectResultMessagePayload(new SubscriptionResult(ID, READER, CREATOR, true, false, 2));
    }

    @Test
    void unsubscribingCancelsAnActiveSubscription() {
        fixture.given(started(T1))
                .when(new Unsubscribe(READER, CREATOR, T2))
                .expectSuccessfulHandlerExecution()
                .expectEvents(cancelled(T2))
                .expectResultMessagePayload(new SubscriptionResult(ID, READER, CREATOR, false, false, 1));
    }

    @Test
    void anUnsubscribeThroughAnEmailLinkIsRecordedAsSuch() {
        fixture.given(started(T1))
                .when(new Unsubscribe(READER, CREATOR, T2, CancelledVia.EMAIL_LINK))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SubscriptionCancelled(ID, READER, CREATOR, T2, CancelledVia.EMAIL_LINK))
                .expectResultMessagePayload(new SubscriptionResult(ID, READER, CREATOR, false, false, 1));
    }

    @Test
    void anEmailLinkOfACancelledSubscriptionChangesNothing() {
        fixture.given(started(T1), cancelled(T2))
                .when(new Unsubscribe(READER, CREATOR, T3, CancelledVia.EMAIL_LINK))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new SubscriptionResult(ID, READER, CREATOR, false, false, 1));
    }

    @Test
    void unsubscribingACancelledSubscriptionChangesNothing() {
        fixture.given(started(T1), cancelled(T2))
                .when(new Unsubscribe(READER, CREATOR, T3))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new SubscriptionResult(ID, READER, CREATOR, false, false, 1));
    }

    @Test
    void rejectsUnsubscribingWhenNeverSubscribed() {
        fixture.givenNoPriorActivity()
                .when(new Unsubscribe(READER, CREATOR, T1))
                .expectNoEvents()
                .expectException(SubscriptionNotFound.class)
                .expectException(hasCode(ErrorCode.SUBSCRIPTION_NOT_FOUND));
    }

    @Test
    void rejectsSubscribingToOneself() {
        fixture.givenNoPriorActivity()
                .when(new Subscribe(CREATOR, CREATOR, T1))
                .expectNoEvents()
                .expectException(SelfSubscriptionNotAllowed.class)
                .expectException(hasCode(ErrorCode.VALIDATION_FAILED));
    }

    private static Matcher<Throwable> hasCode(ErrorCode code) {
        return predicate(e -> e instanceof DomainException domain && domain.code() == code);
    }
}
