package dev.platform.command.post;

import static dev.platform.command.DomainExceptions.withCode;

import dev.platform.api.common.ErrorCode;
import dev.platform.api.common.ExpectedVersion;
import dev.platform.api.common.StaleVersion;
import dev.platform.api.post.DeletePost;
import dev.platform.api.post.NotPostCreator;
import dev.platform.api.post.PostCreated;
import dev.platform.api.post.PostDeleted;
import dev.platform.api.post.PostDeletedAs;
import dev.platform.api.post.PostId;
import dev.platform.api.post.PostNotFound;
import dev.platform.api.post.PostPublished;
import dev.platform.api.post.PostStatus;
import dev.platform.api.post.PublishPost;
import dev.platform.api.post.UpdatePost;
import dev.platform.api.user.UserId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deleting a post: who may, what it records, and that a deleted post takes no command any more. */
class PostDeletionTest {

    private static final PostId POST = new PostId(UUID.fromString("00000000-0000-0000-0000-00000000000a"));
    private static final UserId CREATOR = new UserId(UUID.fromString("00000000-0000-0000-0000-0000000000c1"));
    private static final UserId STRANGER = new UserId(UUID.fromString("00000000-0000-0000-0000-0000000000c2"));
    private static final UserId ADMIN = new UserId(UUID.fromString("00000000-0000-0000-0000-0000000000ad"));
    private static final Instant T0 = Instant.parse("2026-11-25T18:00:00.000Z");
    private static final Instant T1 = Instant.parse("2026-11-25T18:01:00.000Z");
    private static final Instant T2 = Instant.parse("2026-11-25T18:02:00.000Z");
    private static final Instant T3 = Instant.parse("2026-11-25T18:03:00.000Z");

    private static final PostCreated CREATED = new PostCreated(POST, CREATOR, "Title", "Body", T0);
    private static final PostPublished PUBLISHED = new PostPublished(POST, CREATOR, "Title", "Body", T1);
    private static final PostDeleted DELETED = new PostDeleted(POST, CREATOR, CREATOR, PostDeletedAs.CREATOR, T2);

    private FixtureConfiguration<Post> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Post.class);
        // As in the application: Axon's refusal to load a deleted aggregate is answered as an unknown post.
        fixture.registerCommandHandlerInterceptor(new UnknownPostInterceptor());
    }

    @Test
    void theCreatorDeletesTheirPublishedPost() {
        fixture.given(CREATED, PUBLISHED)
                .when(new DeletePost(POST, CREATOR, false, T2))
                .expectEvents(DELETED)
                .expectResultMessagePayload(
                        new PostResult(POST, CREATOR, "Title", "Body", PostStatus.PUBLISHED, T1, null, 2, true));
    }

    @Test
    void theCreatorDeletesTheirDraft() {
        fixture.given(CREATED)
                .when(new DeletePost(POST, CREATOR, false, T2))
                .expectEvents(new PostDeleted(POST, CREATOR, CREATOR, PostDeletedAs.CREATOR, T2));
    }

    @Test
    void anAdminDeletesAnyonesPostAndTheEventSaysSo() {
        fixture.given(CREATED, PUBLISHED)
                .when(new DeletePost(POST, ADMIN, true, T2))
                .expectEvents(new PostDeleted(POST, CREATOR, ADMIN, PostDeletedAs.ADMIN, T2));
        fixture.given(CREATED)
                .when(new DeletePost(POST, ADMIN, true, T2))
                .expectEvents(new PostDeleted(POST, CREATOR, ADMIN, PostDeletedAs.ADMIN, T2));
    }

    @Test
    void aCreatorWhoIsAlsoAdminDeletesAsCreator() {
        fixture.given(CREATED)
                .when(new DeletePost(POST, CREATOR, true, T2))
                .expectEvents(new PostDeleted(POST, CREATOR, CREATOR, PostDeletedAs.CREATOR, T2));
    }

    @Test
    void aStrangerDeletingAPublishedPostIsForbidden() {
        fixture.given(CREATED, PUBLISHED)
                .when(new DeletePost(POST, STRANGER, false, T2))
                .expectNoEvents()
                .expectException(NotPostCreator.class)
                .expectException(withCode(ErrorCode.FORBIDDEN));
    }

    @Test
    void aStrangerDeletingADraftIsToldItDoesNotExist() {
        fixture.given(CREATED)
                .when(new DeletePost(POST, STRANGER, false, T2))
                .expectNoEvents()
                .expectException(PostNotFound.class)
                .expectException(withCode(ErrorCode.POST_NOT_FOUND));
    }

    @Test
    void aDeletionNamingAStaleVersionChangesNothing() {
        fixture.given(CREATED, PUBLISHED)
                .when(new DeletePost(POST, CREATOR, false, T2, Optional.of(ExpectedVersion.of(0))))
                .expectNoEvents()
                .expectException(StaleVersion.class)
                .expectException(withCode(ErrorCode.PRECONDITION_FAILED));
    }

    @Test
    void aDeletionNamingTheCurrentVersionIsApplied() {
        fixture.given(CREATED, PUBLISHED)
                .when(new DeletePost(POST, CREATOR, false, T2, Optional.of(ExpectedVersion.of(1))))
                .expectEvents(DELETED);
    }

    @Test
    void aStrangerNamingAStaleVersionIsStillForbiddenFirst() {
        fixture.given(CREATED, PUBLISHED)
                .when(new DeletePost(POST, STRANGER, false, T2, Optional.of(ExpectedVersion.of(0))))
                .expectNoEvents()
                .expectException(withCode(ErrorCode.FORBIDDEN));
    }

    @Test
    void aSecondDeletionIsToldThePostDoesNotExist() {
        fixture.given(CREATED, PUBLISHED, DELETED)
                .when(new DeletePost(POST, CREATOR, false, T3))
                .expectNoEvents()
                .expectException(PostNotFound.class)
                .expectException(withCode(ErrorCode.POST_NOT_FOUND));
        fixture.given(CREATED, PUBLISHED, DELETED)
                .when(new DeletePost(POST, ADMIN, true, T3))
                .expectNoEvents()
                .expectException(withCode(ErrorCode.POST_NOT_FOUND));
    }

    @Test
    void aDeletedPostCannotBeEditedOrPublishedByAnyone() {
        UpdatePost edit = new UpdatePost(POST, CREATOR, Optional.of("Back"), Optional.empty(), Optional.empty(), T3);
        fixture.given(CREATED, PUBLISHED, DELETED)
                .when(edit)
                .expectNoEvents()
                .expectException(withCode(ErrorCode.POST_NOT_FOUND));
        fixture.given(CREATED, DELETED)
                .when(new PublishPost(POST, CREATOR, T3))
                .expectNoEvents()
                .expectException(PostNotFound.class);
        fixture.given(CREATED, PUBLISHED, DELETED)
                .when(new UpdatePost(POST, STRANGER, Optional.of("X"), Optional.empty(), Optional.empty(), T3))
                .expectNoEvents()
                .expectException(withCode(ErrorCode.POST_NOT_FOUND));
    }

    @Test
    void withoutTheInterceptorAxonRefusesToLoadADeletedPost() {
        // The generic guard: any command, also one added later, meets a deleted post as Axon's deleted aggregate.
        FixtureConfiguration<Post> bare = new AggregateTestFixture<>(Post.class);
        bare.given(CREATED, PUBLISHED, DELETED)
                .when(new PublishPost(POST, CREATOR, T3))
                .expectNoEvents()
                .expectException(AggregateDeletedException.class);
    }
}
