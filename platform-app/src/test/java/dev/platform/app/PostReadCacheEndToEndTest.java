package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.app.Api.TestUser;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /posts/{id}} answered from the process's cache of post reads (issue 17), and every write through the
 * API seen by the very next read all the same. That the cache answers is shown by a change made behind the
 * application's back (SQL on {@code post_view}, which no write of the platform does): a cached post does not show it,
 * until a write of the post through the platform.
 */
class PostReadCacheEndToEndTest extends EndToEndTest {

    private static void behindTheApplicationsBack(String postId, String title) {
        Sql.update(TestDatabase.sharedUrl(), "UPDATE post_view SET title = ? WHERE id = ?::uuid", title, postId);
    }

    @Test
    void aCachedPostIsAnsweredFromMemoryAndEveryWriteOfItIsReadAtOnce() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPost(creator, "First", "Text");
        api.publish(postId, creator);
        assertThat(api.readPost(postId, reader).text("title")).isEqualTo("First");

        behindTheApplicationsBack(postId, "Not through the platform");
        assertThat(api.readPost(postId, reader).text("title"))
                .as("answered from the cache")
                .isEqualTo("First");

        api.editPost(postId, Map.of("title", "Second"), creator);
        assertThat(api.readPost(postId, reader).text("title")).isEqualTo("Second");
        assertThat(api.readPost(postId, creator).text("title")).isEqualTo("Second");

        assertThat(api.unpublish(postId, creator).status()).isEqualTo(200);
        assertThat(api.readPost(postId, reader).status()).as("a draft again").isEqualTo(404);
        assertThat(api.readPost(postId, creator).text("status")).isEqualTo("draft");

        api.publish(postId, creator);
        assertThat(api.readPost(postId, reader).text("status")).isEqualTo("published");
        assertThat(api.request("DELETE", "/api/v1/posts/" + postId)
                        .token(creator.token())
                        .send()
                        .status())
                .isEqualTo(204);
        assertThat(api.readPost(postId, reader).status()).isEqualTo(404);
        assertThat(api.readPost(postId, creator).status()).isEqualTo(404);
    }
}
