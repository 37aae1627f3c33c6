package dev.platform.command.user;

import static dev.platform.command.DomainExceptions.withCode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.api.common.ErrorCode;
import dev.platform.api.common.ExpectedVersion;
import dev.platform.api.common.StaleVersion;
import dev.platform.api.user.ChangePassword;
import dev.platform.api.user.EmailVerified;
import dev.platform.api.user.EraseUser;
import dev.platform.api.user.PasswordChanged;
import dev.platform.api.user.ProfileField;
import dev.platform.api.user.RegisterUser;
import dev.platform.api.user.RequestVerificationEmail;
import dev.platform.api.user.Role;
import dev.platform.api.user.UpdateUserProfile;
import dev.platform.api.user.UserErased;
import dev.platform.api.user.UserId;
import dev.platform.api.user.UserProfileUpdated;
import dev.platform.api.user.UserRegistered;
import dev.platform.api.user.VerificationRequested;
import dev.platform.api.user.VerifyEmail;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserTest {

    private static final UserId ID = new UserId(UUID.fromString("7d1e2c3a-0000-4000-8000-000000000001"));
    private static final Instant REGISTERED = Instant.parse("2026-11-25T10:00:00.000Z");
    private static final Instant LATER = Instant.parse("2026-11-25T11:00:00.000Z");
    private static final UserRegistered ALICE_REGISTERED =
            new UserRegistered(ID, "alice@example.com", "alice", Role.CREATOR, REGISTERED);

    private FixtureConfiguration<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
    }

    @Test
    void registeringEmitsUserRegisteredWithoutThePasswordHash() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(ID, "alice@example.com", "alice", Role.CREATOR, "$argon2id$secret", REGISTERED))
                .expectSuccessfulHandlerExecution()
                .expectEvents(ALICE_REGISTERED);
    }

    @Test
    void changingTheUsernameKeepsTheBioAndRecordsOnlyTheUsername() {
        fixture.given(
                        ALICE_REGISTERED,
                        new UserProfileUpdated(ID, Set.of(ProfileField.BIO), null, "my bio", REGISTERED))
                .when(new UpdateUserProfile(ID, Optional.of("alice2"), Optional.empty(), LATER))
                .expectEvents(new UserProfileUpdated(ID, Set.of(ProfileField.USERNAME), "alice2", null, LATER))
                .expectResultMessagePayloadMatching(new org.hamcrest.BaseMatcher<>() {
                    @Override
                    public boolean matches(Object actual) {
                        ProfileResult profile = (ProfileResult) actual;
                        return profile.username().equals("alice2")
                                && profile.bio().equals("my bio")
                                && profile.email().equals("alice@example.com")
                                && profile.role() == Role.CREATOR
                                && profile.version() == 2;
                    }

                    @Override
                    public void describeTo(org.hamcrest.Description description) {
                        description.appendText("the profile after the change at version 2");
                    }
                });
    }

    @Test
    void anEmptyBioClearsIt() {
        fixture.given(
                        ALICE_REGISTERED,
                        new UserProfileUpdated(ID, Set.of(ProfileField.BIO), null, "my bio", REGISTERED))
                .when(new UpdateUserProfile(ID, Optional.empty(), Optional.of(""), LATER))
                .expectEvents(new UserProfileUpdated(ID, Set.of(ProfileField.BIO), null, null, LATER))
                .expectResultMessagePayloadMatching(profile("alice", null));
    }

    @Test
    void anUpdateOfBothFieldsRecordsBoth() {
        fixture.given(ALICE_REGISTERED)
                .when(new UpdateUserProfile(ID, Optional.of("alice2"), Optional.of("hello"), LATER))
                .expectEvents(new UserProfileUpdated(
                        ID, Set.of(ProfileField.USERNAME, ProfileField.BIO), "alice2", "hello", LATER))
                .expectResultMessagePayloadMatching(profile("alice2", "hello"));
    }

    @Test
    void settingTheBioKeepsTheUsernameOfAnEarlierChange() {
        fixture.given(
                        ALICE_REGISTERED,
                        new UserProfileUpdated(ID, Set.of(ProfileField.USERNAME), "alice2", null, REGISTERED))
                .when(new UpdateUserProfile(ID, Optional.empty(), Optional.of("hello"), LATER))
                .expectEvents(new UserProfileUpdated(ID, Set.of(ProfileField.BIO), null, "hello", LATER))
                .expectResultMessagePayloadMatching(profile("alice2", "hello"));
    }

    private static org.hamcrest.Matcher<Object> profile(String username, String bio) {
        return new org.hamcrest.BaseMatcher<>() {
            @Override
            public boolean matches(Object actual) {
                ProfileResult profile = (ProfileResult) actual;
                return profile.username().equals(username) && java.util.Objects.equals(profile.bio(), bio);
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("a profile with username " + username + " and bio " + bio);
            }
        };
    }

    @Test
    void anUpdateThatChangesNothingIsRefused() {
        fixture.given(ALICE_REGISTERED)
                .when(new UpdateUserProfile(ID, Optional.empty(), Optional.empty(), LATER))
                .expectNoEvents()
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void theRegisterCommandNeverShowsTheHashInItsText() {
        var command = new RegisterUser(ID, "alice@example.com", "alice", Role.READER, "$argon2id$secret", REGISTERED);
        assertThat(command.toString()).doesNotContain("argon2").doesNotContain("alice@example.com");
    }

    @Test
    void anUpdateNamingTheCurrentVersionIsApplied() {
        fixture.given(ALICE_REGISTERED)
                .when(new UpdateUserProfile(
                        ID, Optional.empty(), Optional.of("hello"), LATER, Optional.of(ExpectedVersion.of(0))))
                .expectEvents(new UserProfileUpdated(ID, Set.of(ProfileField.BIO), null, "hello", LATER));
    }

    @Test
    void anUpdateNamingAStaleVersionChangesNothing() {
        fixture.given(ALICE_REGISTERED, new UserProfileUpdated(ID, Set.of(ProfileField.BIO), null, "first", LATER))
                .when(new UpdateUserProfile(
                        ID, Optional.empty(), Optional.of("second"), LATER, Optional.of(ExpectedVersion.of(0))))
                .expectNoEvents()
                .expectException(StaleVersion.class)
                .expectException(withCode(ErrorCode.PRECONDITION_FAILED));
    }

    @Test
    void changingThePasswordEmitsPasswordChangedWithoutTheHashAndAnswersTheVersion() {
        Instant notBefore = Instant.parse("2026-11-25T11:00:01Z");
        fixture.given(ALICE_REGISTERED)
                .when(new ChangePassword(ID, "$argon2id$new-secret", LATER, notBefore))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new PasswordChanged(ID, LATER, notBefore))
                .expectResultMessagePayload(new PasswordResult(ID, Role.CREATOR, 1L));
    }

    @Test
    void aPasswordChangeMovesTheVersionThatIfMatchIsCheckedAgainst() {
        fixture.given(ALICE_REGISTERED, new PasswordChanged(ID, LATER, LATER.plusSeconds(1)))
                .when(new UpdateUserProfile(
                        ID, Optional.empty(), Optional.of("bio"), LATER, Optional.of(new ExpectedVersion(Set.of(0L)))))
                .expectNoEvents()
                .expectException(StaleVersion.class);
    }

    @Test
    void verifyingTheAddressEmitsEmailVerifiedAndAnswersTheNewVersion() {
        fixture.given(ALICE_REGISTERED)
                .when(new VerifyEmail(ID, LATER))
                .expectEvents(new EmailVerified(ID, LATER))
                .expectResultMessagePayload(new VerificationResult(ID, 1));
    }

    @Test
    void verifyingAnAddressAgainIsANoOpAnsweringTheSameVersion() {
        fixture.given(ALICE_REGISTERED, new EmailVerified(ID, LATER))
                .when(new VerifyEmail(ID, LATER.plusSeconds(60)))
                .expectNoEvents()
                .expectResultMessagePayload(new VerificationResult(ID, 1));
    }

    @Test
    void anotherVerificationEmailIsNumberedAfterTheRegistrationsOne() {
        fixture.given(ALICE_REGISTERED)
                .when(new RequestVerificationEmail(ID, LATER, Duration.ofMinutes(1)))
                .expectEvents(new VerificationRequested(ID, 2, LATER))
                .expectResultMessagePayload(new VerificationRequestResult(ID, false, null, 1));
    }

    @Test
    void aRequestWithinTheIntervalRecordsNothingAndSaysWhenToAskAgain() {
        fixture.given(ALICE_REGISTERED, new VerificationRequested(ID, 2, LATER))
                .when(new RequestVerificationEmail(ID, LATER.plusSeconds(20), Duration.ofMinutes(1)))
                .expectNoEvents()
                .expectResultMessagePayload(new VerificationRequestResult(ID, false, LATER.plusSeconds(60), 1));
    }

    @Test
    void aRequestAfterTheIntervalIsRecorded() {
        fixture.given(ALICE_REGISTERED, new VerificationRequested(ID, 2, LATER))
                .when(new RequestVerificationEmail(ID, LATER.plusSeconds(60), Duration.ofMinutes(1)))
                .expectEvents(new VerificationRequested(ID, 3, LATER.plusSeconds(60)));
    }

    @Test
    void aVerifiedAddressGetsNoVerificationEmail() {
        fixture.given(ALICE_REGISTERED, new EmailVerified(ID, LATER))
                .when(new RequestVerificationEmail(ID, LATER.plusSeconds(600), Duration.ofMinutes(1)))
                .expectNoEvents()
                .expectResultMessagePayload(new VerificationRequestResult(ID, true, null, 1));
    }

    @Test
    void erasingRecordsWhoErasedAndWhenWithoutPersonalData() {
        UserId admin = new UserId(UUID.fromString("7d1e2c3a-0000-4000-8000-0000000000ad"));
        fixture.given(ALICE_REGISTERED)
                .when(new EraseUser(ID, admin, LATER))
                .expectEvents(new UserErased(ID, admin, LATER))
                .expectResultMessagePayload(1L);
    }

    @Test
    void anErasedAccountTakesNoCommandNotEvenASecondErasure() {
        fixture.given(ALICE_REGISTERED, new UserErased(ID, ID, LATER))
                .when(new EraseUser(ID, ID, LATER.plusSeconds(1)))
                .expectNoEvents()
                .expectException(withCode(ErrorCode.USER_NOT_FOUND));
        fixture.given(ALICE_REGISTERED, new UserErased(ID, ID, LATER))
                .when(new UpdateUserProfile(ID, Optional.of("alice2"), Optional.empty(), LATER.plusSeconds(1)))
                .expectNoEvents()
                .expectException(withCode(ErrorCode.USER_NOT_FOUND));
        fixture.given(ALICE_REGISTERED, new UserErased(ID, ID, LATER))
                .when(new ChangePassword(ID, "$argon2id$new", LATER.plusSeconds(1), LATER.plusSeconds(2)))
                .expectNoEvents()
                .expectException(withCode(ErrorCode.USER_NOT_FOUND));
    }
}
