package dev.platform.app;

import static dev.platform.app.Api.TIMESTAMP;
import static dev.platform.app.Api.assertRefused;
import static dev.platform.app.Api.ids;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The contract's "Posts" section, a creator's list ({@code GET /api/v1/creators/{id}/posts}): the creator sees all
 * their posts, others the published ones, newest first, filtered by status and paged with {@code X-Total-Count}.
 */
class PostListingEndToEndTest extends EndToEndTest {

    @Test
    void theCreatorSeesAllTheirPostsNewestFirstAndOthersOnlyThePublishedOnes() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String a = api.newPost(creator, "A", "a");
        String b = api.newPost(creator, "B", "b");
        String c = api.newPost(creator, "C", "c");
        String d = api.newPost(creator, "D", "d");
        api.publish(b, creator);
        api.editPost(a, Map.of("title", "A edited"), creator);
        api.publish(d, creator);
        api.editPost(c, Map.of("content", "c edited"), creator);
        // An old draft published now goes to the top; an unpublished post is ordered by its unpublishing.
        String e = api.newPost(creator, "E", "e");
        api.publish(a, creator);
        api.editPost(d, Map.of("status", "draft"), creator);
        api.newPost(api.newUser("creator"), "Someone else's", "x");

        List<String> expectedAll = expectedOrder(creator, List.of(a, b, c, d, e));
        List<String> expectedPublished = expectedAll.stream()
                .filter(id -> "published".equals(api.readPost(id, creator).text("status")))
                .toList();

        Response mine = api.creatorPosts(creator.id(), "", creator);
        Response theirs = api.creatorPosts(creator.id(), "", reader);

        assertThat(mine.status()).isEqualTo(200);
        assertThat(ids(mine)).containsExactlyElementsOf(expectedAll);
        assertThat(mine.header("X-Total-Count")).contains("5");
        assertThat(expectedPublished).containsExactlyInAnyOrder(a, b);
        assertThat(ids(theirs)).containsExactlyElementsOf(expectedPublished);
        assertThat(theirs.header("X-Total-Count")).contains("2");
        mine.body().forEach(item -> {
            assertThat(item.fieldNames())
                    .toIterable()
                    .containsExactlyInAnyOrder("id", "title", "status", "published_at", "publish_at");
            if ("draft".equals(item.path("status").asText())) {
                assertThat(item.get("published_at").isNull()).isTrue();
            } else {
                assertThat(item.path("published_at").asText()).matches(TIMESTAMP);
            }
        });
        assertThat(mine.body().get(ids(mine).indexOf(a)).path("title").asText()).isEqualTo("A edited");
    }

    /** The contract's order, from the posts' own timestamps: published_at or updated_at, newest first, then id. */
    private List<String> expectedOrder(TestUser creator, List<String> postIds) {
        Map<String, Instant> listedAt = new HashMap<>();
        for (String id : postIds) {
            Response post = api.readPost(id, creator);
            String instant =
                    "published".equals(post.text("status")) ? post.text("published_at") : post.text("updated_at");
            listedAt.put(id, Instant.parse(instant));
        }
        return postIds.stream()
                .sorted(Comparator.comparing((String id) -> listedAt.get(id))
                        .thenComparing(id -> id)
                        .reversed())
                .toList();
    }

    @Test
    void theStatusFilterWorksForTheCreatorAndGivesOthersNoDrafts() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String draft = api.newPost(creator, "Draft", "d");
        String published = api.newPost(creator, "Published", "p");
        api.publish(published, creator);

        Response creatorDrafts = api.creatorPosts(creator.id(), "?status=draft", creator);
        Response creatorPublished = api.creatorPosts(creator.id(), "?status=published", creator);
        Response readerDrafts = api.creatorPosts(creator.id(), "?status=draft", reader);
        Response readerPublished = api.creatorPosts(creator.id(), "?status=published", reader);

        assertThat(ids(creatorDrafts)).containsExactly(draft);
        assertThat(creatorDrafts.header("X-Total-Count")).contains("1");
        assertThat(ids(creatorPublished)).containsExactly(published);
        assertThat(readerDrafts.status()).isEqualTo(200);
        assertThat(readerDrafts.body().isArray()).isTrue();
        assertThat(ids(readerDrafts)).isEmpty();
        assertThat(readerDrafts.header("X-Total-Count")).contains("0");
        assertThat(ids(readerPublished)).containsExactly(published);
    }

    @ParameterizedTest(name = "?{0} is refused")
    @CsvSource(
            delimiter = '|',
            value = {
                "status=archived|status",
                "status=|status",
                "status=DRAFT|status",
                "limit=0|limit",
                "limit=101|limit",
                "limit=abc|limit",
                "limit=-1|limit",
                "offset=-1|offset",
                "offset=x|offset"
            })
    void invalidListParametersAre400(String query, String field) {
        TestUser creator = api.newUser("creator");

        Response r = api.creatorPosts(creator.id(), "?" + query, creator);

        assertRefused(r, 400, "VALIDATION_FAILED");
        assertThat(r.body().path("field_errors").has(field)).as(r.toString()).isTrue();
    }

    @Test
    void limitAndOffsetPageThroughTheListWithTheTotalCount() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        List<String> posts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = api.newPost(creator, "P" + i, "x");
            api.publish(id, creator);
            posts.add(id);
        }
        List<String> all = ids(api.creatorPosts(creator.id(), "?limit=100", reader));

        Response page = api.creatorPosts(creator.id(), "?limit=2&offset=1", reader);
        Response last = api.creatorPosts(creator.id(), "?limit=2&offset=4", reader);
        Response beyond = api.creatorPosts(creator.id(), "?offset=10", reader);
        Response defaults = api.creatorPosts(creator.id(), "", reader);

        assertThat(all).containsExactlyInAnyOrderElementsOf(posts);
        assertThat(ids(page)).containsExactlyElementsOf(all.subList(1, 3));
        assertThat(page.header("X-Total-Count")).contains("5");
        assertThat(ids(last)).containsExactly(all.get(4));
        assertThat(ids(beyond)).isEmpty();
        assertThat(beyond.header("X-Total-Count")).contains("5");
        assertThat(ids(defaults)).containsExactlyElementsOf(all);
    }

    @Test
    void theListOfAnUnknownUserOrOfANonCreatorIs404() {
        TestUser reader = api.newUser("reader");
        TestUser otherReader = api.newUser("reader");

        assertRefused(api.creatorPosts(UUID.randomUUID().toString(), "", reader), 404, "USER_NOT_FOUND");
        assertRefused(api.creatorPosts(otherReader.id(), "", reader), 404, "USER_NOT_FOUND");
        assertRefused(api.creatorPosts(reader.id(), "", reader), 404, "USER_NOT_FOUND");
    }

    @Test
    void aNewCreatorsListIsEmptyWithACountOfZero() {
        TestUser creator = api.newUser("creator");

        Response r = api.creatorPosts(creator.id(), "", creator);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().isArray()).isTrue();
        assertThat(r.body().size()).isZero();
        assertThat(r.header("X-Total-Count")).contains("0");
    }
}
