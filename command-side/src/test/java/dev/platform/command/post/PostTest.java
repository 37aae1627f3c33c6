package dev.platform.command.post;

import static dev.platform.command.DomainExceptions.withCode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.api.common.ErrorCode;
import dev.platform.api.common.ExpectedVersion;
import dev.platform.api.common.StaleVersion;
import dev.platform.api.post.CreatePost;
import dev.platform.api.post.NotPostCreator;
import dev.platform.api.post.PostAlreadyPublished;
import dev.platform.api.post.PostCreated;
import dev.platform.api.post.PostId;
import dev.platform.api.post.PostNotFound;
import dev.platform.api.post.PostNotPublished;
import dev.platform.api.post.PostPublished;
import dev.platform.api.post.PostStatus;
import dev.platform.api.post.PostUnpublished;
import dev.platform.api.post.PostUpdated;
import dev.platform.api.post.PublishPost;
import dev.platform.api.post.UpdatePost;
import dev.platform.api.user.UserId;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostTest {

    private static final PostId POST = new PostId(UUID.fromString("00000000-0000-0000-0000-00000000000a"));
    private static final UserId CREATOR = new UserId(UUID.fromString("00000000-0000-0000-0000-0000000000c1"));
    private static final UserId STRANGER = new UserId(UUID.fromString("00000000-0000-0000-0000-0000000000c2"));
    private static final Instant T0 = Instant.parse("2026-11-25T18:00:00.000Z");
    private static final Instant T1 = Instant.parse("2026-11-25T18:01:00.000Z");
    private static final Instant T2 = Instant.parse("2026-11-25T18:02:00.000Z");
    private static final Instant T3 = Instant.parse("2026-11-25T18:03:00.000Z");

    private static final PostCreated CREATED = new PostCreated(POST, CREATOR, "Title", "Body", T0);
    private static final PostPublished PUBLISHED = new PostPublished(POST, CREATOR, "Title", "Body", T1);

    private FixtureConfiguration<Post> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Post.class);
    }

    private static UpdatePost update(
            UserId by, Optional<String> title, Optional<String> content, Optional<PostStatus> status, Instant at) {
        return new UpdatePost(POST, by, title, content, status, at);
    }

    @Test
    void aCreatedPostIsADraftOfItsCreator() {
        fixture.givenNoPriorActivity()
                .when(new CreatePost(POST, CREATOR, "Title", "Body", T0))
                .expectSuccessfulHandlerExecution()
                .expectEvents(CREATED);
    }

    @Test
    void anUpdateChangesTheGivenPartsAndKeepsTheOthers() {
        fixture.given(CREATED)
                .when(update(CREATOR, Optional.of("New title"), Optional.empty(), Optional.empty(), T2))
                .expectEvents(new PostUpdated(POST, "New title", "Body", T2))
                .expectResultMessagePayload(
                        new PostResult(POST, CREATOR, "New title", "Body", PostStatus.DRAFT, null, null, 1, false));
    }

    @Test
    void publishingADraftSendsOutItsCurrentText() {
        fixture.given(CREATED, new PostUpdated(POST, "Edited", "Edited body", T1))
                .when(new PublishPost(POST, CREATOR, T2))
                .expectEvents(new PostPublished(POST, CREATOR, "Edited", "Edited body", T2))
                .expectResultMessagePayload(new PostResult(
                        POST, CREATOR, "Edited", "Edited body", PostStatus.PUBLISHED, T2, null, 2, true));
    }

    @Test
    void rejectsPublishingTwice() {
        fixture.given(CREATED, PUBLISHED)
                .when(new PublishPost(POST, CREATOR, T2))
                .expectNoEvents()
                .expectException(PostAlreadyPublished.class)
                .expectException(withCode(ErrorCode.POST_ALREADY_PUBLISHED));
    }

    @Test
    void statusPublishedInAnUpdatePublishesTheEditedText() {
        fixture.given(CREATED)
                .when(update(CREATOR, Optional.of("Edited"), Optional.empty(), Optional.of(PostStatus.PUBLISHED), T2))
                .expectEvents(
                        new PostUpdated(POST, "Edited", "Body", T2),
                        new PostPublished(POST, CREATOR, "Edited", "Body", T2))
                .expectResultMessagePayload(
                        new PostResult(POST, CREATOR, "Edited", "Body", PostStatus.PUBLISHED, T2, null, 2, true));
    }

    @Test
    void statusPublishedAloneOnAPublishedPostIsRefusedLikePublish() {
        fixture.given(CREATED, PUBLISHED)
                .when(update(CREATOR, Optional.empty(), Optional.empty(), Optional.of(PostStatus.PUBLISHED), T2))
                .expectNoEvents()
                .expectException(PostAlreadyPublished.class)
                .expectException(withCode(ErrorCode.POST_ALREADY_PUBLISHED));
    }

    @Test
    void statusPublishedWithAnEditOnAPublishedPostOnlyEdits() {
        fixture.given(CREATED, PUBLISHED)
                .when(update(CREATOR, Optional.empty(), Optional.of("New body"), Optional.of(PostStatus.PUBLISHED), T2))
                .expectEvents(new PostUpdated(POST, "Title", "New body", T2))
                .expectResultMessagePayload(
                        new PostResult(POST, CREATOR, "Title", "New body", PostStatus.PUBLISHED, T1, null, 2, false));
    }

    @Test
    void statusDraftUnpublishesAPublishedPost() {
        fixture.given(CREATED, PUBLISHED)
                .when(update(CREATOR, Optional.empty(), Optional.empty(), Optional.of(PostStatus.DRAFT), T2))
                .expectEvents(new PostUnpublished(POST, CREATOR, T2))
                .expectResultMessagePayload(
                        new PostResult(POST, CREATOR, "Title", "Body", PostStatus.DRAFT, null, null, 2, true));
    }

    @Test
    void statusDraftAloneOnADraftIsRefused() {
        fixture.given(CREATED)
                .when(update(CREATOR, Optional.empty(), Optional.empty(), Optional.of(PostStatus.DRAFT), T2))
                .expectNoEvents()
                .expectException(PostNotPublished.class)
                .expectException(withCode(ErrorCode.POST_NOT_PUBLISHED));
    }

    @Test
    void republishingSetsANewPublicationTime() {
        fixture.given(CREATED, PUBLISHED, new PostUnpublished(POST, CREATOR, T2))
                .when(new PublishPost(POST, CREATOR, T3))
                .expectEvents(new PostPublished(POST, CREATOR, "Title", "Body", T3))
                .expectResultMessagePayload(
                        new PostResult(POST, CREATOR, "Title", "Body", PostStatus.PUBLISHED, T3, null, 3, true));
    }

    @Test
    void aStrangerEditingADraftIsToldItDoesNotExist() {
        fixture.given(CREATED)
                .when(update(STRANGER, Optional.of("Hijacked"), Optional.empty(), Optional.empty(), T2))
                .expectNoEvents()
                .expectException(PostNotFound.class)
                .expectException(withCode(ErrorCode.POST_NOT_FOUND));
    }

    @Test
    void aStrangerPublishingADraftIsToldItDoesNotExist() {
        fixture.given(CREATED)
                .when(new PublishPost(POST, STRANGER, T2))
                .expectNoEvents()
                .expectException(PostNotFound.class)
                .expectException(withCode(ErrorCode.POST_NOT_FOUND));
    }

    @Test
    void aStrangerEditingAPublishedPostIsForbidden() {
        fixture.given(CREATED, PUBLISHED)
                .when(update(STRANGER, Optional.of("Hijacked"), Optional.empty(), Optional.empty(), T2))
                .expectNoEvents()
                .expectException(NotPostCreator.class)
                .expectException(withCode(ErrorCode.FORBIDDEN));
    }

    @Test
    void aStrangerUnpublishingAPublishedPostIsForbidden() {
        fixture.given(CREATED, PUBLISHED)
                .when(update(STRANGER, Optional.empty(), Optional.empty(), Optional.of(PostStatus.DRAFT), T2))
                .expectNoEvents()
                .expectException(NotPostCreator.class)
                .expectException(withCode(ErrorCode.FORBIDDEN));
    }

    @Test
    void aStrangerPublishingAPublishedPostIsForbiddenNotToldItIsPublished() {
        fixture.given(CREATED, PUBLISHED)
                .when(new PublishPost(POST, STRANGER, T2))
                .expectNoEvents()
                .expectException(NotPostCreator.class)
                .expectException(withCode(ErrorCode.FORBIDDEN));
    }

    @Test
    void anUpdateThatChangesNothingIsRefused() {
        fixture.given(CREATED)
                .when(update(CREATOR, Optional.empty(), Optional.empty(), Optional.empty(), T2))
                .expectNoEvents()
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void aPostWithoutATitleIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreatePost(POST, CREATOR, " ", "Body", T0))
                .expectNoEvents()
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void theDomainExceptionsCarryTheContractsCodes() {
        assertThat(new PostAlreadyPublished().code().status()).isEqualTo(409);
        assertThat(new PostNotPublished().code().status()).isEqualTo(409);
        assertThat(new PostNotFound().code().status()).isEqualTo(404);
        assertThat(new NotPostCreator().code().status()).isEqualTo(403);
    }

    // ---------------------------------------------------------------- conditional writes (If-Match)

    private static UpdatePost conditionalEdit(UserId by, String title, ExpectedVersion expected) {
        return new UpdatePost(
                POST, by, Optional.of(title), Optional.empty(), Optional.empty(), T3, Optional.of(expected));
    }

    @Test
    void anUpdateNamingTheCurrentVersionIsApplied() {
        fixture.given(CREATED, PUBLISHED)
                .when(conditionalEdit(CREATOR, "Edited", ExpectedVersion.of(1)))
                .expectEvents(new PostUpdated(POST, "Edited", "Body", T3))
                .expectResultMessagePayload(
                        new PostResult(POST, CREATOR, "Edited", "Body", PostStatus.PUBLISHED, T1, null, 2, false));
    }

    @Test
    void anUpdateNamingAStaleVersionChangesNothing() {
        fixture.given(CREATED, PUBLISHED, new PostUpdated(POST, "Someone else's", "Body", T2))
                .when(conditionalEdit(CREATOR, "Mine", ExpectedVersion.of(1)))
                .expectNoEvents()
                .expectException(StaleVersion.class)
                .expectException(withCode(ErrorCode.PRECONDITION_FAILED));
    }

    @Test
    void anUpdateNamingSeveralVersionsIsAppliedWhenOneIsCurrent() {
        fixture.given(CREATED, new PostUpdated(POST, "Second", "Body", T1))
                .when(conditionalEdit(CREATOR, "Third", new ExpectedVersion(Set.of(0L, 1L))))
                .expectEvents(new PostUpdated(POST, "Third", "Body", T3));
    }

    @Test
    void anUpdateNamingNoVersionAtAllIsRefused() {
        // An If-Match of tags this API never issued names no version: nothing can match.
        fixture.given(CREATED)
                .when(conditionalEdit(CREATOR, "Edited", new ExpectedVersion(Set.of())))
                .expectNoEvents()
                .expectException(withCode(ErrorCode.PRECONDITION_FAILED));
    }

    @Test
    void aPublicationNamingTheCurrentVersionIsApplied() {
        fixture.given(CREATED)
                .when(new PublishPost(POST, CREATOR, T2, Optional.of(ExpectedVersion.of(0))))
                .expectEvents(new PostPublished(POST, CREATOR, "Title", "Body", T2))
                .expectResultMessagePayload(
                        new PostResult(POST, CREATOR, "Title", "Body", PostStatus.PUBLISHED, T2, null, 1, true));
    }

    @Test
    void aPublicationNamingAStaleVersionChangesNothing() {
        fixture.given(CREATED, new PostUpdated(POST, "Edited since", "Body", T1))
                .when(new PublishPost(POST, CREATOR, T2, Optional.of(ExpectedVersion.of(0))))
                .expectNoEvents()
                .expectException(StaleVersion.class)
                .expectException(withCode(ErrorCode.PRECONDITION_FAILED));
    }

    @Test
    void aStaleVersionIsToldBeforeThePostIsAlreadyPublished() {
        // The precondition comes before the request is carried out, and the 409 is part of carrying it out.
        fixture.given(CREATED, PUBLISHED)
                .when(new PublishPost(POST, CREATOR, T2, Optional.of(ExpectedVersion.of(0))))
                .expectNoEvents()
                .expectException(withCode(ErrorCode.PRECONDITION_FAILED));
    }

    @Test
    void aStrangerNamingAStaleVersionIsStillToldTheDraftDoesNotExist() {
        fixture.given(CREATED, new PostUpdated(POST, "Edited", "Body", T1))
                .when(conditionalEdit(STRANGER, "Hijacked", ExpectedVersion.of(0)))
                .expectNoEvents()
                .expectException(withCode(ErrorCode.POST_NOT_FOUND));
    }
}
