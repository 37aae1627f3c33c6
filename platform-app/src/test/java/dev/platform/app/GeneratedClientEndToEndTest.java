package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.platform.client.ApiClient;
import dev.platform.client.ApiException;
import dev.platform.client.ApiResponse;
import dev.platform.client.api.CommentsApi;
import dev.platform.client.api.PostsApi;
import dev.platform.client.api.SubscriptionsApi;
import dev.platform.client.api.UsersApi;
import dev.platform.client.model.AddCommentRequest;
import dev.platform.client.model.AddedComment;
import dev.platform.client.model.ApiError;
import dev.platform.client.model.CommentView;
import dev.platform.client.model.CreatePostRequest;
import dev.platform.client.model.CreatedPost;
import dev.platform.client.model.LoginRequest;
import dev.platform.client.model.PostSummary;
import dev.platform.client.model.PostView;
import dev.platform.client.model.RegisterUserRequest;
import dev.platform.client.model.RegisteredUser;
import dev.platform.client.model.SubscriptionAnswer;
import dev.platform.client.model.SubscriptionSummary;
import dev.platform.client.model.UpdatePostRequest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The main journey through the Java client that the build generates from {@code docs/openapi.json} (package
 * {@code dev.platform.client}), and through nothing else: if the description misleads a generator (a wrong type,
 * status, parameter or header), this test cannot be written or fails.
 */
class GeneratedClientEndToEndTest extends EndToEndTest {

    private static final String PASSWORD = "correct-horse-battery";

    @Test
    void aCreatorAndAReaderGoThroughTheMainJourney() throws ApiException {
        ApiClient anonymous = client(null);
        Account creator = register(anonymous, "creator");
        Account reader = register(anonymous, "reader");

        PostsApi creatorPosts = new PostsApi(creator.client());
        ApiResponse<CreatedPost> created = creatorPosts.createPostWithHttpInfo(
                new CreatePostRequest().title("Through the client").content("Generated from docs/openapi.json."), null);
        assertThat(created.getStatusCode()).isEqualTo(201);
        UUID postId = created.getData().getId();
        assertThat(header(created, "Location")).isEqualTo("/api/v1/posts/" + postId);
        assertThat(created.getData().getStatus()).isEqualTo(CreatedPost.StatusEnum.DRAFT);
        assertThat(creatorPosts.publishPost(postId, null, null).getPublishedAt())
                .isNotNull();
        UUID second = creatorPosts
                .createPost(new CreatePostRequest().title("A second post").content("For the paging."), null)
                .getId();
        creatorPosts.publishPost(second, null, null);

        ApiException twice =
                catchThrowableOfType(ApiException.class, () -> creatorPosts.publishPost(postId, null, null));
        assertThat(twice.getCode()).isEqualTo(409);
        assertThat(error(creator.client(), twice).getCode()).isEqualTo(ApiError.CodeEnum.POST_ALREADY_PUBLISHED);

        ApiResponse<SubscriptionAnswer> subscribed =
                new SubscriptionsApi(reader.client()).subscribeWithHttpInfo(creator.id());
        assertThat(subscribed.getStatusCode()).isEqualTo(201);
        assertThat(subscribed.getData().getStatus()).isEqualTo("active");
        assertThat(new SubscriptionsApi(reader.client())
                        .subscribeWithHttpInfo(creator.id())
                        .getStatusCode())
                .as("subscribing again")
                .isEqualTo(200);

        CommentsApi comments = new CommentsApi(reader.client());
        ApiResponse<AddedComment> first =
                comments.addCommentWithHttpInfo(postId, new AddCommentRequest().content("First!"), null);
        assertThat(first.getStatusCode()).isEqualTo(201);
        comments.addComment(
                postId,
                new AddCommentRequest()
                        .content("A reply")
                        .parentCommentId(first.getData().getId()),
                null);
        comments.addComment(postId, new AddCommentRequest().content("Third"), null);

        ApiResponse<List<CommentView>> page1 = comments.listCommentsWithHttpInfo(postId, 2, 0);
        ApiResponse<List<CommentView>> page2 = comments.listCommentsWithHttpInfo(postId, 2, 2);
        assertThat(header(page1, "X-Total-Count")).isEqualTo("3");
        assertThat(page1.getData()).extracting(CommentView::getContent).containsExactly("First!", "A reply");
        assertThat(page2.getData()).extracting(CommentView::getContent).containsExactly("Third");
        assertThat(page1.getData().get(1).getParentCommentId())
                .isEqualTo(first.getData().getId());

        ApiResponse<List<PostSummary>> posts =
                new PostsApi(reader.client()).listCreatorPostsWithHttpInfo(creator.id(), "published", 1, 1);
        assertThat(header(posts, "X-Total-Count")).isEqualTo("2");
        assertThat(posts.getData()).extracting(PostSummary::getId).containsExactly(postId);

        ApiResponse<List<SubscriptionSummary>> subscriptions =
                new SubscriptionsApi(reader.client()).listSubscriptionsWithHttpInfo(reader.id(), "active", 10, 0);
        assertThat(header(subscriptions, "X-Total-Count")).isEqualTo("1");
        assertThat(subscriptions.getData())
                .extracting(SubscriptionSummary::getCreatorId)
                .containsExactly(creator.id());

        PostView read = new PostsApi(reader.client()).getPost(postId, null, null);
        assertThat(read.getTitle()).isEqualTo("Through the client");
        assertThat(read.getStatus()).isEqualTo("published");
        assertThat(new UsersApi(reader.client()).getUser(creator.id(), null).getUsername())
                .isEqualTo(creator.username());
    }

    /**
     * Optimistic concurrency through the client: update with the ETag of a GET as If-Match, then again with that
     * same (now stale) ETag: 412 with the ApiError body.
     */
    @Test
    void anUpdateWithAStaleIfMatchIsRefusedWith412() throws ApiException {
        Account creator = register(client(null), "creator");
        PostsApi posts = new PostsApi(creator.client());
        UUID postId = posts.createPost(
                        new CreatePostRequest().title("Versioned").content("First version."), null)
                .getId();

        String etag = header(posts.getPostWithHttpInfo(postId, null, null), "ETag");
        assertThat(etag).as("the ETag of the GET").isNotBlank();
        ApiResponse<?> updated =
                posts.updatePostWithHttpInfo(postId, new UpdatePostRequest().title("Second version"), etag);
        assertThat(updated.getStatusCode()).isEqualTo(200);

        ApiException stale = catchThrowableOfType(
                ApiException.class, () -> posts.updatePost(postId, new UpdatePostRequest().title("Lost update"), etag));
        assertThat(stale.getCode()).isEqualTo(412);
        assertThat(error(creator.client(), stale).getCode().getValue()).isEqualTo("PRECONDITION_FAILED");
        assertThat(posts.getPost(postId, null, null).getTitle()).isEqualTo("Second version");
    }

    private record Account(UUID id, String username, ApiClient client) {}

    /** Registers and logs in through the client; the account's client sends its bearer token. */
    private Account register(ApiClient anonymous, String role) throws ApiException {
        String name =
                role.charAt(0) + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        UsersApi users = new UsersApi(anonymous);
        ApiResponse<RegisteredUser> registered = users.registerUserWithHttpInfo(
                new RegisterUserRequest()
                        .email(name + "@client.test")
                        .password(PASSWORD)
                        .username(name)
                        .role(RegisterUserRequest.RoleEnum.fromValue(role)),
                null);
        assertThat(registered.getStatusCode()).isEqualTo(201);
        UUID id = registered.getData().getId();
        assertThat(header(registered, "Location")).isEqualTo("/api/v1/users/" + id);

        String token = users.login(
                        new LoginRequest().email(name + "@client.test").password(PASSWORD))
                .getAccessToken();
        return new Account(id, name, client(token));
    }

    private ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + port);
        client.setConnectTimeout(Duration.ofSeconds(5));
        client.setReadTimeout(Duration.ofSeconds(30));
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }

    private static String header(ApiResponse<?> response, String name) {
        // java.net.http keeps header names case-insensitively.
        List<String> values = response.getHeaders().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static ApiError error(ApiClient client, ApiException e) {
        try {
            return client.getObjectMapper().readValue(e.getResponseBody(), ApiError.class);
        } catch (java.io.IOException notJson) {
            throw new AssertionError("the error body is no ApiError: " + e.getResponseBody(), notJson);
        }
    }
}
