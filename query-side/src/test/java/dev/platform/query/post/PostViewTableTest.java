package dev.platform.query.post;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.api.post.PostId;
import dev.platform.api.post.PostScheduled;
import dev.platform.api.post.PostStatus;
import dev.platform.api.post.PostUnscheduled;
import dev.platform.api.post.PostUpdated;
import dev.platform.api.user.Role;
import dev.platform.api.user.UserId;
import dev.platform.infra.security.AuthenticatedUser;
import dev.platform.query.QueryDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reads of {@code post_view} ({@link PostViewTable}) over rows as the projection writes them: one post as
 * answered, who may see it, a creator's list in its order, the versions a batch looks up, and the view count.
 */
class PostViewTableTest {

    @RegisterExtension
    static final QueryDatabase database = new QueryDatabase();

    private static final UserId CREATOR = new UserId(UUID.fromString("00000000-0000-0000-0000-0000000000a1"));
    private static final UserId READER = new UserId(UUID.fromString("00000000-0000-0000-0000-0000000000a2"));
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");

    /** Published at T0+3h, a draft edited at T0+2h, published at T0+1h, a draft edited at T0+2h (ties by id). */
    private static final PostId NEWEST = post(1);

    private static final PostId DRAFT_LOW_ID = post(2);
    private static final PostId DRAFT_HIGH_ID = post(3);
    private static final PostId OLDEST = post(4);

    private static PostViewTable table;

    private static PostId post(int n) {
        return new PostId(UUID.fromString("00000000-0000-0000-0000-0000000000e" + n));
    }

    private static Instant hours(int h) {
        return T0.plusSeconds(3600L * h);
    }

    @BeforeAll
    static void fourPostsOfOneCreator() {
        database.jdbc().update("TRUNCATE analytics_view_count");
        database.user(CREATOR.value(), "creator");
        database.user(READER.value(), "creator");
        table = new PostViewTable(database.jdbc());
        table.insert(List.of(
                new PostVersion(
                        new FoldedPost(NEWEST, CREATOR, "Newest", "N", PostStatus.PUBLISHED, hours(3), T0, hours(3)),
                        1),
                new PostVersion(
                        new FoldedPost(DRAFT_LOW_ID, CREATOR, "Draft 2", "D", PostStatus.DRAFT, null, T0, hours(2)), 1),
                new PostVersion(
                        new FoldedPost(DRAFT_HIGH_ID, CREATOR, "Draft 3", "D", PostStatus.DRAFT, null, T0, hours(2)),
                        4),
                new PostVersion(
                        new FoldedPost(OLDEST, CREATOR, "Oldest", "O", PostStatus.PUBLISHED, hours(1), T0, hours(5)),
                        2)));
    }

    /** A page of the creator's list, who must be a creator. */
    private static List<PostSummary> page(UserId creator, Optional<PostStatus> status, int limit, int offset) {
        return table.creatorPage(creator, status, limit, offset).orElseThrow().posts();
    }

    private static long count(UserId creator, Optional<PostStatus> status) {
        return table.creatorPage(creator, status, 1, 0).orElseThrow().total();
    }

    private static AuthenticatedUser user(UserId id) {
        return new AuthenticatedUser(id, Role.READER);
    }

    @Test
    void aPostIsReadWithItsVersionAndViewCountAndTaggedByBoth() {
        PostViewTable.CurrentPost found = table.find(NEWEST).orElseThrow();

        assertThat(found.post())
                .isEqualTo(new PostView(
                        NEWEST,
                        CREATOR,
                        "Newest",
                        "N",
                        "published",
                        hours(3),
                        null,
                        T0,
                        hours(3),
                        found.post().viewCount()));
        assertThat(found.version()).isEqualTo(1);
        viewed(NEWEST);
        PostViewTable.CurrentPost viewed = table.find(NEWEST).orElseThrow();
        assertThat(viewed.post().viewCount()).isEqualTo(found.post().viewCount() + 1);
        assertThat(viewed.entityTag()).isNotEqualTo(found.entityTag());
        assertThat(table.find(post(9))).isEmpty();
    }

    @Test
    void aDraftIsVisibleToItsCreatorOnlyAndAPublishedPostToEveryone() {
        assertThat(table.find(DRAFT_LOW_ID).orElseThrow().visibleTo(user(CREATOR)))
                .isTrue();
        assertThat(table.find(DRAFT_LOW_ID).orElseThrow().visibleTo(user(READER)))
                .isFalse();
        assertThat(table.find(NEWEST).orElseThrow().visibleTo(user(READER))).isTrue();

        assertThat(table.standing(DRAFT_LOW_ID)).contains(new PostViewTable.Standing(CREATOR, false, false));
        assertThat(table.standing(NEWEST)).contains(new PostViewTable.Standing(CREATOR, true, false));
        assertThat(table.standing(DRAFT_LOW_ID).orElseThrow().visibleTo(user(READER)))
                .isFalse();
        assertThat(table.standing(post(9))).isEmpty();
    }

    @Test
    void aCreatorsListIsNewestFirstByPublicationOrLastChangeTiesByIdDescending() {
        assertThat(page(CREATOR, Optional.empty(), 10, 0))
                .extracting(PostSummary::id)
                .containsExactly(NEWEST, DRAFT_HIGH_ID, DRAFT_LOW_ID, OLDEST);
        assertThat(page(CREATOR, Optional.empty(), 2, 1))
                .extracting(PostSummary::id)
                .containsExactly(DRAFT_HIGH_ID, DRAFT_LOW_ID);
        assertThat(count(CREATOR, Optional.empty())).isEqualTo(4);
    }

    @Test
    void aCreatorsListFiltersByStatus() {
        assertThat(page(CREATOR, Optional.of(PostStatus.PUBLISHED), 10, 0))
                .containsExactly(
                        new PostSummary(NEWEST, "Newest", "published", hours(3), null),
                        new PostSummary(OLDEST, "Oldest", "published", hours(1), null));
        assertThat(count(CREATOR, Optional.of(PostStatus.DRAFT))).isEqualTo(2);
    }

    @Test
    void aCreatorsListTellsTheTotalBeyondTheLastPageAndIsEmptyForAnyoneButACreator() {
        assertThat(table.creatorPage(CREATOR, Optional.empty(), 10, 7))
                .contains(new PostViewTable.CreatorPage(4, List.of()));
        UserId reader = new UserId(UUID.randomUUID());
        database.user(reader.value(), "reader");
        assertThat(table.creatorPage(reader, Optional.empty(), 10, 0)).isEmpty();
        assertThat(table.creatorPage(new UserId(UUID.randomUUID()), Optional.empty(), 10, 0))
                .isEmpty();
        UserId newCreator = new UserId(UUID.randomUUID());
        database.user(newCreator.value(), "creator");
        assertThat(table.creatorPage(newCreator, Optional.empty(), 10, 0))
                .contains(new PostViewTable.CreatorPage(0, List.of()));
    }

    @Test
    void theVersionsOfThePostsThatHaveARow() {
        assertThat(table.versions(List.of(NEWEST.value(), DRAFT_HIGH_ID.value(), post(9).value())))
                .isEqualTo(Map.of(NEWEST.value(), 1L, DRAFT_HIGH_ID.value(), 4L));
    }

    @Test
    void anUpdateChangesOnlyWhatIsKnownAndOnlyBelowItsVersion() {
        PostId id = post(5);
        table.insert(List.of(new PostVersion(
                new FoldedPost(id, READER, "T", "C", PostStatus.PUBLISHED, hours(1), T0, hours(1)), 3)));

        int[] changed = table.update(List.of(
                new PostVersion(PostFold.apply(FoldedPost.unread(id), new PostUpdated(id, "T2", "C2", hours(2))), 4),
                new PostVersion(FoldedPost.unread(id).withText("stale", "stale", hours(9)), 4)));

        assertThat(changed).containsExactly(1, 0);
        PostView post = table.find(id).orElseThrow().post();
        assertThat(post.title()).isEqualTo("T2");
        assertThat(post.status()).isEqualTo("published");
        assertThat(post.publishedAt()).isEqualTo(hours(1));
        assertThat(post.updatedAt()).isEqualTo(hours(2));
        assertThat(post.viewCount()).isZero();
    }

    @Test
    void aScheduleIsStoredListedAndClearedAndAnEditKeepsIt() {
        PostId id = post(6);
        table.insert(List.of(new PostVersion(new FoldedPost(id, READER, "T", "C", PostStatus.DRAFT, null, T0, T0), 0)));

        table.update(List.of(new PostVersion(
                PostFold.apply(FoldedPost.unread(id), new PostScheduled(id, READER, hours(24), hours(1))), 1)));
        table.update(List.of(
                new PostVersion(PostFold.apply(FoldedPost.unread(id), new PostUpdated(id, "T2", "C2", hours(2))), 2)));

        PostView scheduled = table.find(id).orElseThrow().post();
        assertThat(scheduled.status()).isEqualTo("scheduled");
        assertThat(scheduled.publishAt()).isEqualTo(hours(24));
        assertThat(scheduled.publishedAt()).isNull();
        assertThat(scheduled.title()).isEqualTo("T2");
        assertThat(page(READER, Optional.of(PostStatus.SCHEDULED), 10, 0))
                .containsExactly(new PostSummary(id, "T2", "scheduled", null, hours(24)));

        table.update(List.of(
                new PostVersion(PostFold.apply(FoldedPost.unread(id), new PostUnscheduled(id, READER, hours(3))), 3)));
        PostView unscheduled = table.find(id).orElseThrow().post();
        assertThat(unscheduled.status()).isEqualTo("draft");
        assertThat(unscheduled.publishAt()).isNull();
    }

    /** One more page view counted, as analytics counts it. */
    private void viewed(PostId id) {
        database.jdbc()
                .update(
                        "INSERT INTO analytics_view_count (post_id, view_count) VALUES (?, 1)"
                                + " ON CONFLICT (post_id) DO UPDATE SET view_count = analytics_view_count.view_count + 1",
                        id.value());
    }

    @Test
    void aPageViewOfAPostWithoutARowMakesNoPost() {
        viewed(post(9));

        assertThat(table.find(post(9))).isEmpty();
        assertThat(database.jdbc()
                        .queryForObject("SELECT count(*) FROM post_view WHERE id = ?", Long.class, post(9).value()))
                .isZero();
    }
}
