package dev.platform.command.user;

import static dev.platform.command.DomainExceptions.withCode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.api.common.ErrorCode;
import dev.platform.api.user.EmailVerified;
import dev.platform.api.user.PasswordChanged;
import dev.platform.api.user.PasswordReset;
import dev.platform.api.user.PasswordResetRequested;
import dev.platform.api.user.RequestPasswordReset;
import dev.platform.api.user.ResetPassword;
import dev.platform.api.user.ResetTokenSpent;
import dev.platform.api.user.Role;
import dev.platform.api.user.UserId;
import dev.platform.api.user.UserRegistered;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The User aggregate's password reset: numbered, paced requests; a reset spends every request made before it. */
class UserPasswordResetTest {

    private static final UserId ID = new UserId(UUID.fromString("7d1e2c3a-0000-4000-8000-000000000002"));
    private static final Instant REGISTERED = Instant.parse("2026-11-25T10:00:00.000Z");
    private static final Instant LATER = Instant.parse("2026-11-25T11:00:00.000Z");
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final UserRegistered BOB_REGISTERED =
            new UserRegistered(ID, "bob@example.com", "bob", Role.READER, REGISTERED);

    private FixtureConfiguration<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
    }

    private static RequestPasswordReset request(Instant at) {
        return new RequestPasswordReset(ID, at, 3, WINDOW);
    }

    private static ResetPassword reset(int request, Instant at) {
        return new ResetPassword(ID, request, "$argon2id$new", at, at.plusSeconds(1));
    }

    private static PasswordResetRequested requested(int request, Instant at) {
        return new PasswordResetRequested(ID, request, at);
    }

    @Test
    void theFirstResetRequestIsNumberOne() {
        fixture.given(BOB_REGISTERED)
                .when(request(LATER))
                .expectEvents(requested(1, LATER))
                .expectResultMessagePayload(true);
    }

    @Test
    void aRequestBeyondThePaceWithinTheWindowRecordsNothing() {
        fixture.given(
                        BOB_REGISTERED,
                        requested(1, LATER),
                        requested(2, LATER.plusSeconds(1)),
                        requested(3, LATER.plusSeconds(2)))
                .when(request(LATER.plusSeconds(60)))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void aRequestIsRecordedAgainOnceTheOldestOfTheWindowHasLeftIt() {
        fixture.given(
                        BOB_REGISTERED,
                        requested(1, LATER),
                        requested(2, LATER.plusSeconds(1)),
                        requested(3, LATER.plusSeconds(2)))
                .when(request(LATER.plus(WINDOW)))
                .expectEvents(requested(4, LATER.plus(WINDOW)));
    }

    @Test
    void aResetWithAnUnspentTokenSetsTheCutoffAndVerifiesTheAddress() {
        Instant at = LATER.plusSeconds(300);
        fixture.given(BOB_REGISTERED, requested(1, LATER))
                .when(reset(1, at))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new PasswordReset(ID, 1, at, at.plusSeconds(1)), new EmailVerified(ID, at))
                .expectResultMessagePayload(new PasswordResult(ID, Role.READER, 3L));
    }

    @Test
    void aResetOfAVerifiedAddressVerifiesNothingAgain() {
        Instant at = LATER.plusSeconds(300);
        fixture.given(BOB_REGISTERED, new EmailVerified(ID, LATER), requested(1, LATER))
                .when(reset(1, at))
                .expectEvents(new PasswordReset(ID, 1, at, at.plusSeconds(1)));
    }

    @Test
    void aTokenCannotBeUsedTwice() {
        Instant at = LATER.plusSeconds(300);
        fixture.given(BOB_REGISTERED, requested(1, LATER), new PasswordReset(ID, 1, at, at.plusSeconds(1)))
                .when(reset(1, at.plusSeconds(10)))
                .expectNoEvents()
                .expectException(ResetTokenSpent.class)
                .expectException(withCode(ErrorCode.VALIDATION_FAILED))
                .expectException(namingTheTokenField());
    }

    @Test
    void usingTheNewerTokenSpendsTheOlderOne() {
        Instant at = LATER.plusSeconds(300);
        fixture.given(
                        BOB_REGISTERED,
                        requested(1, LATER),
                        requested(2, LATER.plusSeconds(30)),
                        new PasswordReset(ID, 2, at, at.plusSeconds(1)))
                .when(reset(1, at.plusSeconds(10)))
                .expectNoEvents()
                .expectException(ResetTokenSpent.class);
    }

    @Test
    void usingTheOlderTokenSpendsTheNewerOneToo() {
        Instant at = LATER.plusSeconds(300);
        fixture.given(
                        BOB_REGISTERED,
                        requested(1, LATER),
                        requested(2, LATER.plusSeconds(30)),
                        new PasswordReset(ID, 1, at, at.plusSeconds(1)))
                .when(reset(2, at.plusSeconds(10)))
                .expectNoEvents()
                .expectException(ResetTokenSpent.class);
    }

    @Test
    void aTokenOfARequestMadeAfterTheLastResetIsAccepted() {
        Instant at = LATER.plusSeconds(300);
        fixture.given(
                        BOB_REGISTERED,
                        new EmailVerified(ID, LATER),
                        requested(1, LATER),
                        new PasswordReset(ID, 1, at, at.plusSeconds(1)),
                        requested(2, at.plusSeconds(60)))
                .when(reset(2, at.plusSeconds(120)))
                .expectEvents(new PasswordReset(ID, 2, at.plusSeconds(120), at.plusSeconds(121)));
    }

    @Test
    void aPasswordChangeSpendsTheOutstandingResetTokens() {
        fixture.given(
                        BOB_REGISTERED,
                        requested(1, LATER),
                        new PasswordChanged(ID, LATER.plusSeconds(60), LATER.plusSeconds(61)))
                .when(reset(1, LATER.plusSeconds(120)))
                .expectNoEvents()
                .expectException(ResetTokenSpent.class);
    }

    @Test
    void aTokenOfARequestNeverRecordedIsRefused() {
        fixture.given(BOB_REGISTERED, requested(1, LATER))
                .when(reset(2, LATER.plusSeconds(60)))
                .expectNoEvents()
                .expectException(ResetTokenSpent.class);
    }

    @Test
    void theHashIsNotInTheCommandsText() {
        assertThat(reset(1, LATER).toString()).doesNotContain("argon2id");
    }

    private static BaseMatcher<Throwable> namingTheTokenField() {
        return new BaseMatcher<>() {
            @Override
            public boolean matches(Object item) {
                return item instanceof ResetTokenSpent spent
                        && spent.fieldErrors().keySet().equals(java.util.Set.of("token"));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a refusal naming the field token");
            }
        };
    }
}
