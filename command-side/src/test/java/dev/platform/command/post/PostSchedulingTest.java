package dev.platform.command.post;

import static dev.platform.command.DomainExceptions.withCode;

import dev.platform.api.common.ErrorCode;
import dev.platform.api.common.ExpectedVersion;
import dev.platform.api.post.PostAlreadyPublished;
import dev.platform.api.post.PostCreated;
import dev.platform.api.post.PostId;
import dev.platform.api.post.PostNotFound;
import dev.platform.api.post.PostPublished;
import dev.platform.api.post.PostScheduled;
import dev.platform.api.post.PostStatus;
import dev.platform.api.post.PostUnpublished;
import dev.platform.api.post.PostUnscheduled;
import dev.platform.api.post.PostUpdated;
import dev.platform.api.post.PublishPost;
import dev.platform.api.post.PublishScheduledPost;
import dev.platform.api.post.SchedulePost;
import dev.platform.api.post.ScheduledPublication;
import dev.platform.api.post.UnschedulePost;
import dev.platform.api.post.UpdatePost;
import dev.platform.api.user.UserId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A post's scheduled publication: scheduling, moving, cancelling it, and the scheduler's firing, once. */
class PostSchedulingTest {

    private static final PostId POST = new PostId(UUID.fromString("00000000-0000-0000-0000-00000000000b"));
    private static final UserId CREATOR = new UserId(UUID.fromString("00000000-0000-0000-0000-0000000000c1"));
    private static final UserId STRANGER = new UserId(UUID.fromString("00000000-0000-0000-0000-0000000000c2"));
    private static final Instant T0 = Instant.parse("2026-11-25T18:00:00.000Z");
    private static final Instant T1 = Instant.parse("2026-11-25T18:01:00.000Z");
    private static final Instant T2 = Instant.parse("2026-11-25T18:02:00.000Z");
    private static final Instant AT = Instant.parse("2026-11-26T09:00:00.000Z");
    private static final Instant OTHER_AT = Instant.parse("2026-11-27T09:00:00.000Z");

    private static final PostCreated CREATED = new PostCreated(POST, CREATOR, "Title", "Body", T0);
    private static final PostScheduled SCHEDULED = new PostScheduled(POST, CREATOR, AT, T1);

    private FixtureConfiguration<Post> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Post.class);
    }

    @Test
    void aDraftIsScheduledForAnInstantAhead() {
        fixture.given(CREATED)
                .when(new SchedulePost(POST, CREATOR, AT, T1))
                .expectEvents(SCHEDULED)
                .expectResultMessagePayload(
                        new PostResult(POST, CREATOR, "Title", "Body", PostStatus.SCHEDULED, null, AT, 1, true));
    }

    @Test
    void schedulingAgainMovesTheInstant() {
        fixture.given(CREATED, SCHEDULED)
                .when(new SchedulePost(POST, CREATOR, OTHER_AT, T2))
                .expectEvents(new PostScheduled(POST, CREATOR, OTHER_AT, T2))
                .expectResultMessagePayload(
                        new PostResult(POST, CREATOR, "Title", "Body", PostStatus.SCHEDULED, null, OTHER_AT, 2, true));
    }

    @Test
    void schedulingTheSameInstantAgainChangesNothing() {
        fixture.given(CREATED, SCHEDULED)
                .when(new SchedulePost(POST, CREATOR, AT, T2))
                .expectNoEvents()
                .expectResultMessagePayload(
                        new PostResult(POST, CREATOR, "Title", "Body", PostStatus.SCHEDULED, null, AT, 1, false));
    }

    @Test
    void aPublishedPostIsNotScheduled() {
        fixture.given(CREATED, new PostPublished(POST, CREATOR, "Title", "Body", T1))
                .when(new SchedulePost(POST, CREATOR, AT, T2))
                .expectNoEvents()
                .expectException(PostAlreadyPublished.class)
                .expectException(withCode(ErrorCode.POST_ALREADY_PUBLISHED));
    }

    @Test
    void anInstantThatIsNotAheadIsRefused() {
        fixture.given(CREATED)
                .when(new SchedulePost(POST, CREATOR, T1, T1))
                .expectNoEvents()
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void aStrangerSchedulingOrUnschedulingIsToldThePostDoesNotExist() {
        fixture.given(CREATED)
                .when(new SchedulePost(POST, STRANGER, AT, T1))
                .expectNoEvents()
                .expectException(withCode(ErrorCode.POST_NOT_FOUND));
        fixture.given(CREATED, SCHEDULED)
                .when(new UnschedulePost(POST, STRANGER, T2))
                .expectNoEvents()
                .expectException(PostNotFound.class);
    }

    @Test
    void aStaleVersionIsToldBeforeScheduling() {
        fixture.given(CREATED, new PostUpdated(POST, "Edited", "Body", T1))
                .when(new SchedulePost(POST, CREATOR, AT, T2, Optional.of(ExpectedVersion.of(0))))
                .expectNoEvents()
                .expectException(withCode(ErrorCode.PRECONDITION_FAILED));
    }

    @Test
    void unschedulingMakesADraftAgain() {
        fixture.given(CREATED, SCHEDULED)
                .when(new UnschedulePost(POST, CREATOR, T2))
                .expectEvents(new PostUnscheduled(POST, CREATOR, T2))
                .expectResultMessagePayload(
                        new PostResult(POST, CREATOR, "Title", "Body", PostStatus.DRAFT, null, null, 2, true));
    }

    @Test
    void unschedulingADraftChangesNothingAndAPublishedPostIsRefused() {
        fixture.given(CREATED)
                .when(new UnschedulePost(POST, CREATOR, T2))
                .expectNoEvents()
                .expectResultMessagePayload(
                        new PostResult(POST, CREATOR, "Title", "Body", PostStatus.DRAFT, null, null, 0, false));
        fixture.given(CREATED, SCHEDULED, new PostPublished(POST, CREATOR, "Title", "Body", AT))
                .when(new UnschedulePost(POST, CREATOR, T2))
                .expectNoEvents()
                .expectException(withCode(ErrorCode.POST_ALREADY_PUBLISHED));
    }

    @Test
    void publishingNowEndsTheSchedule() {
        fixture.given(CREATED, SCHEDULED)
                .when(new PublishPost(POST, CREATOR, T2))
                .expectEvents(new PostPublished(POST, CREATOR, "Title", "Body", T2))
                .expectResultMessagePayload(
                        new PostResult(POST, CREATOR, "Title", "Body", PostStatus.PUBLISHED, T2, null, 2, true));
    }

    @Test
    void statusDraftInAnUpdateUnschedules() {
        fixture.given(CREATED, SCHEDULED)
                .when(new UpdatePost(
                        POST, CREATOR, Optional.empty(), Optional.empty(), Optional.of(PostStatus.DRAFT), T2))
                .expectEvents(new PostUnscheduled(POST, CREATOR, T2));
    }

    @Test
    void theFiringPublishesTheLatestTextAtItsInstant() {
        Instant fired = AT.plusMillis(300);
        fixture.given(CREATED, SCHEDULED, new PostUpdated(POST, "Edited", "Edited body", T2))
                .when(new PublishScheduledPost(POST, AT, fired))
                .expectEvents(new PostPublished(POST, CREATOR, "Edited", "Edited body", fired))
                .expectResultMessagePayload(ScheduledPublication.PUBLISHED);
    }

    @Test
    void aFiringIsNeverPublishedBeforeItsInstant() {
        fixture.given(CREATED, SCHEDULED)
                .when(new PublishScheduledPost(POST, AT, AT.minusMillis(200)))
                .expectEvents(new PostPublished(POST, CREATOR, "Title", "Body", AT));
    }

    @Test
    void aSecondFiringOfTheSameScheduleChangesNothing() {
        fixture.given(CREATED, SCHEDULED, new PostPublished(POST, CREATOR, "Title", "Body", AT))
                .when(new PublishScheduledPost(POST, AT, AT.plusSeconds(30)))
                .expectNoEvents()
                .expectResultMessagePayload(ScheduledPublication.STALE);
    }

    @Test
    void aFiringOfAMovedOrCancelledScheduleChangesNothing() {
        fixture.given(CREATED, SCHEDULED, new PostScheduled(POST, CREATOR, OTHER_AT, T2))
                .when(new PublishScheduledPost(POST, AT, AT))
                .expectNoEvents()
                .expectResultMessagePayload(ScheduledPublication.STALE);
        fixture.given(CREATED, SCHEDULED, new PostUnscheduled(POST, CREATOR, T2))
                .when(new PublishScheduledPost(POST, AT, AT))
                .expectNoEvents()
                .expectResultMessagePayload(ScheduledPublication.STALE);
    }

    @Test
    void aFiringAfterAnUnpublicationDoesNotPublishAgain() {
        fixture.given(
                        CREATED,
                        SCHEDULED,
                        new PostPublished(POST, CREATOR, "Title", "Body", AT),
                        new PostUnpublished(POST, CREATOR, AT.plusSeconds(5)))
                .when(new PublishScheduledPost(POST, AT, AT.plusSeconds(40)))
                .expectNoEvents()
                .expectResultMessagePayload(ScheduledPublication.STALE);
    }
}
