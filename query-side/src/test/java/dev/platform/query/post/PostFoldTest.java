package dev.platform.query.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platform.api.post.PostCreated;
import dev.platform.api.post.PostDeleted;
import dev.platform.api.post.PostDeletedAs;
import dev.platform.api.post.PostEvent;
import dev.platform.api.post.PostId;
import dev.platform.api.post.PostPublished;
import dev.platform.api.post.PostScheduled;
import dev.platform.api.post.PostStatus;
import dev.platform.api.post.PostUnpublished;
import dev.platform.api.post.PostUnscheduled;
import dev.platform.api.post.PostUpdated;
import dev.platform.api.user.UserId;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The one fold of a post's events, the rules {@code post_view} and {@code ?as_of} both show a post by. */
class PostFoldTest {

    private static final PostId POST = new PostId(UUID.fromString("00000000-0000-0000-0000-0000000000e1"));
    private static final UserId CREATOR = new UserId(UUID.fromString("00000000-0000-0000-0000-0000000000a1"));
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.000Z");
    private static final Instant T1 = Instant.parse("2026-03-01T11:00:00.000Z");
    private static final Instant T2 = Instant.parse("2026-03-01T12:00:00.000Z");
    private static final Instant T3 = Instant.parse("2026-03-01T13:00:00.000Z");

    private static final PostCreated CREATED = new PostCreated(POST, CREATOR, "Title", "Body", T0);
    private static final PostUpdated UPDATED = new PostUpdated(POST, "Edited", "Edited body", T1);
    private static final PostPublished PUBLISHED = new PostPublished(POST, CREATOR, "Out", "Out body", T2);
    private static final PostUnpublished UNPUBLISHED = new PostUnpublished(POST, CREATOR, T3);
    private static final Instant LATER = Instant.parse("2026-03-02T09:00:00.000Z");
    private static final PostScheduled SCHEDULED = new PostScheduled(POST, CREATOR, LATER, T1);
    private static final PostUnscheduled UNSCHEDULED = new PostUnscheduled(POST, CREATOR, T2);
    private static final Instant T4 = Instant.parse("2026-03-01T14:00:00.000Z");
    private static final PostDeleted DELETED = new PostDeleted(POST, CREATOR, CREATOR, PostDeletedAs.CREATOR, T4);

    /** One event of every type of the family: a type missing here fails {@link #everyPostEventIsFolded}. */
    private static final List<PostEvent> ONE_OF_EACH =
            List.of(CREATED, UPDATED, PUBLISHED, UNPUBLISHED, SCHEDULED, UNSCHEDULED, DELETED);

    private static FoldedPost fold(PostEvent... events) {
        FoldedPost post = null;
        for (PostEvent event : events) {
            post = PostFold.apply(post, event);
        }
        return post;
    }

    @Test
    void aCreatedPostIsADraftLastChangedWhenItWasCreated() {
        assertThat(fold(CREATED))
                .isEqualTo(new FoldedPost(POST, CREATOR, "Title", "Body", PostStatus.DRAFT, null, T0, T0));
    }

    @Test
    void anEditChangesTheTextAndKeepsStatusAndPublication() {
        assertThat(fold(CREATED, UPDATED))
                .isEqualTo(new FoldedPost(POST, CREATOR, "Edited", "Edited body", PostStatus.DRAFT, null, T0, T1));
        assertThat(fold(CREATED, PUBLISHED, UPDATED))
                .isEqualTo(new FoldedPost(POST, CREATOR, "Edited", "Edited body", PostStatus.PUBLISHED, T2, T0, T1));
    }

    @Test
    void aPublicationShowsTheTextThatWentOutAndIsPublishedAndChangedAtItsInstant() {
        assertThat(fold(CREATED, UPDATED, PUBLISHED))
                .isEqualTo(new FoldedPost(POST, CREATOR, "Out", "Out body", PostStatus.PUBLISHED, T2, T0, T2));
    }

    @Test
    void anUnpublicationMakesADraftWithoutPublicationAndKeepsTheText() {
        assertThat(fold(CREATED, PUBLISHED, UNPUBLISHED))
                .isEqualTo(new FoldedPost(POST, CREATOR, "Out", "Out body", PostStatus.DRAFT, null, T0, T3));
    }

    @Test
    void aRepublicationHasTheNewInstant() {
        Instant again = T3.plusSeconds(60);
        FoldedPost post =
                fold(CREATED, PUBLISHED, UNPUBLISHED, new PostPublished(POST, CREATOR, "Again", "Again body", again));

        assertThat(post.status()).isEqualTo(PostStatus.PUBLISHED);
        assertThat(post.publishedAt()).isEqualTo(again);
        assertThat(post.updatedAt()).isEqualTo(again);
        assertThat(post.createdAt()).isEqualTo(T0);
    }

    @Test
    void aDeletionMarksThePostDeletedAtItsInstantAndKeepsEverythingElse() {
        FoldedPost post = fold(CREATED, PUBLISHED, DELETED);

        assertThat(post)
                .isEqualTo(
                        new FoldedPost(POST, CREATOR, "Out", "Out body", PostStatus.PUBLISHED, T2, T0, T4, T4, null));
        assertThat(post.deleted()).isTrue();
        assertThat(fold(CREATED, PUBLISHED).deleted()).isFalse();
    }

    @Test
    void foldedOntoAnUnreadRowADeletionSetsOnlyItsInstants() {
        FoldedPost deleted = PostFold.apply(FoldedPost.unread(POST), DELETED);
        assertThat(deleted).isEqualTo(new FoldedPost(POST, null, null, null, null, null, null, T4, T4, null));
        assertThat(deleted.statusKnown()).isFalse();
    }

    @Test
    void aScheduledPostIsUnpublishedWithTheInstantItPublishesItselfAndChangedWhenScheduled() {
        assertThat(fold(CREATED, SCHEDULED))
                .isEqualTo(new FoldedPost(
                        POST, CREATOR, "Title", "Body", PostStatus.SCHEDULED, null, T0, T1, null, LATER));
        Instant moved = LATER.plusSeconds(3600);
        assertThat(fold(CREATED, SCHEDULED, new PostScheduled(POST, CREATOR, moved, T2))
                        .publishAt())
                .isEqualTo(moved);
    }

    @Test
    void unschedulingMakesAPlainDraftAndPublishingEndsTheSchedule() {
        assertThat(fold(CREATED, SCHEDULED, UNSCHEDULED))
                .isEqualTo(new FoldedPost(POST, CREATOR, "Title", "Body", PostStatus.DRAFT, null, T0, T2, null, null));
        assertThat(fold(CREATED, SCHEDULED, new PostPublished(POST, CREATOR, "Title", "Body", LATER)))
                .isEqualTo(new FoldedPost(
                        POST, CREATOR, "Title", "Body", PostStatus.PUBLISHED, LATER, T0, LATER, null, null));
    }

    @Test
    void aScheduleFoldedOntoAnUnreadRowIsAKnownStatus() {
        FoldedPost scheduled = PostFold.apply(FoldedPost.unread(POST), SCHEDULED);
        assertThat(scheduled)
                .isEqualTo(new FoldedPost(POST, null, null, null, PostStatus.SCHEDULED, null, null, T1, null, LATER));
        assertThat(scheduled.statusKnown()).isTrue();
    }

    @Test
    void foldedOntoAnUnreadRowOnlyWhatTheEventsSetIsKnown() {
        FoldedPost edited = PostFold.apply(FoldedPost.unread(POST), UPDATED);
        assertThat(edited).isEqualTo(new FoldedPost(POST, null, "Edited", "Edited body", null, null, null, T1));
        assertThat(edited.statusKnown()).isFalse();

        FoldedPost unpublished = PostFold.apply(FoldedPost.unread(POST), UNPUBLISHED);
        assertThat(unpublished).isEqualTo(new FoldedPost(POST, null, null, null, PostStatus.DRAFT, null, null, T3));
        assertThat(unpublished.statusKnown()).isTrue();
    }

    @Test
    void theLastChangeIsTheInstantOfTheLastEventFolded() {
        for (PostEvent event : ONE_OF_EACH) {
            FoldedPost before = event instanceof PostCreated ? null : fold(CREATED);
            assertThat(PostFold.apply(before, event).updatedAt())
                    .as(event.toString())
                    .isEqualTo(writtenAt(event));
        }
    }

    private static Instant writtenAt(PostEvent event) {
        return event.accept(new PostEvent.Visitor<Instant>() {
            @Override
            public Instant created(PostCreated e) {
                return e.createdAt();
            }

            @Override
            public Instant updated(PostUpdated e) {
                return e.updatedAt();
            }

            @Override
            public Instant published(PostPublished e) {
                return e.publishedAt();
            }

            @Override
            public Instant unpublished(PostUnpublished e) {
                return e.unpublishedAt();
            }

            @Override
            public Instant scheduled(PostScheduled e) {
                return e.scheduledAt();
            }

            @Override
            public Instant unscheduled(PostUnscheduled e) {
                return e.unscheduledAt();
            }

            @Override
            public Instant deleted(PostDeleted e) {
                return e.deletedAt();
            }
        });
    }

    @Test
    void onlyACreationStartsAPost() {
        for (PostEvent event : List.of(UPDATED, PUBLISHED, UNPUBLISHED, SCHEDULED, UNSCHEDULED, DELETED)) {
            assertThatThrownBy(() -> PostFold.apply(null, event))
                    .as(event.toString())
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    /**
     * The walk over the sealed family: every permitted event type has a visitor method of its own (so the fold,
     * which implements the visitor, has a rule for it), reaches exactly that method, and the fold changes the post
     * by it. A new event type fails here until it has a sample above and its rule in the fold.
     */
    @Test
    void everyPostEventIsFolded() {
        Set<Class<?>> family = Set.of(PostEvent.class.getPermittedSubclasses());
        Set<Class<?>> visited = Arrays.stream(PostEvent.Visitor.class.getDeclaredMethods())
                .map(method -> method.getParameterTypes()[0])
                .collect(Collectors.toSet());
        assertThat(visited).as("one visitor method per post event").isEqualTo(family);
        assertThat(PostEvent.Visitor.class.getDeclaredMethods()).hasSameSizeAs(family.toArray());
        assertThat(ONE_OF_EACH.stream().map(Object::getClass).collect(Collectors.toSet()))
                .as("a sample of each post event")
                .isEqualTo(family);

        for (PostEvent event : ONE_OF_EACH) {
            assertThat(visitedBy(event)).as(event.toString()).isEqualTo(event.getClass());
            FoldedPost before = event instanceof PostCreated ? null : fold(CREATED);
            assertThat(PostFold.apply(before, event)).as(event.toString()).isNotEqualTo(before);
        }
    }

    /** The parameter type of the visitor method the event's {@code accept} calls. */
    private static Class<?> visitedBy(PostEvent event) {
        Class<?>[] called = new Class<?>[1];
        @SuppressWarnings("unchecked")
        PostEvent.Visitor<Object> recorder = (PostEvent.Visitor<Object>) Proxy.newProxyInstance(
                PostEvent.Visitor.class.getClassLoader(),
                new Class<?>[] {PostEvent.Visitor.class},
                (proxy, method, args) -> {
                    called[0] = ((Method) method).getParameterTypes()[0];
                    return null;
                });
        event.accept(recorder);
        return called[0];
    }
}
