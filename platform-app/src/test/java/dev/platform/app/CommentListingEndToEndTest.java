package dev.platform.app;

import static dev.platform.app.Api.added;
import static dev.platform.app.Api.assertFieldError;
import static dev.platform.app.Api.ids;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The contract's "Comments" section, a post's comment list: oldest first, paged with {@code X-Total-Count}, 20 to a
 * default page, and each post's comments its own.
 */
class CommentListingEndToEndTest extends EndToEndTest {

    @Test
    void limitAndOffsetPageThroughTheCommentsOldestFirstWithTheTotalCount() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPublishedPost(creator);
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(added(api.comment(postId, i % 2 == 0 ? reader : creator, "Comment " + i)));
        }

        Response first = api.comments(postId, "?limit=2", reader.token());
        Response second = api.comments(postId, "?limit=2&offset=2", reader.token());
        Response last = api.comments(postId, "?limit=2&offset=4", reader.token());
        Response beyond = api.comments(postId, "?offset=5", reader.token());
        Response everything = api.comments(postId, reader);

        assertThat(ids(first)).containsExactlyElementsOf(all.subList(0, 2));
        assertThat(ids(second)).containsExactlyElementsOf(all.subList(2, 4));
        assertThat(ids(last)).containsExactlyElementsOf(all.subList(4, 5));
        assertThat(beyond.body()).isEmpty();
        assertThat(ids(everything)).containsExactlyElementsOf(all);
        for (Response page : List.of(first, second, last, beyond, everything)) {
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("X-Total-Count")).contains("5");
        }
    }

    @Test
    void theDefaultPageHolds20Comments() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPublishedPost(creator);
        for (int i = 0; i < 21; i++) {
            added(api.comment(postId, reader, "Comment " + i));
        }

        Response listed = api.comments(postId, reader);

        assertThat(listed.body()).hasSize(20);
        assertThat(listed.header("X-Total-Count")).contains("21");
        assertThat(api.comments(postId, "?limit=100", reader.token()).body()).hasSize(21);
    }

    @ParameterizedTest(name = "{0} is refused on {1}")
    @CsvSource({
        "?limit=0,limit",
        "?limit=101,limit",
        "?limit=-1,limit",
        "?limit=abc,limit",
        "?offset=-1,offset",
        "?offset=x,offset"
    })
    void invalidListParametersAre400WithTheField(String query, String field) {
        TestUser creator = api.newUser("creator");
        String postId = api.newPublishedPost(creator);

        assertFieldError(api.comments(postId, query, creator.token()), field);
    }

    @Test
    void aPostWithoutCommentsListsEmptyAndCommentsStayWithTheirPost() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String quiet = api.newPublishedPost(creator);
        String busy = api.newPublishedPost(creator);
        String onBusy = added(api.comment(busy, reader, "Only here"));

        Response empty = api.comments(quiet, reader);

        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.body().isArray()).isTrue();
        assertThat(empty.body()).isEmpty();
        assertThat(empty.header("X-Total-Count")).contains("0");
        assertThat(ids(api.comments(busy, reader))).containsExactly(onBusy);
    }
}
