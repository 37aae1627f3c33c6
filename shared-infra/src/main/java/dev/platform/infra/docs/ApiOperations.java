package dev.platform.infra.docs;

import static dev.platform.infra.docs.ApiTag.AUDIT;
import static dev.platform.infra.docs.ApiTag.COMMENTS;
import static dev.platform.infra.docs.ApiTag.NOTIFICATIONS;
import static dev.platform.infra.docs.ApiTag.POSTS;
import static dev.platform.infra.docs.ApiTag.PROJECTIONS;
import static dev.platform.infra.docs.ApiTag.SUBSCRIPTIONS;
import static dev.platform.infra.docs.ApiTag.USERS;
import static dev.platform.infra.docs.QueryParameter.AFTER;
import static dev.platform.infra.docs.QueryParameter.AS_OF;
import static dev.platform.infra.docs.QueryParameter.LIMIT;
import static dev.platform.infra.docs.QueryParameter.OFFSET;
import static dev.platform.infra.docs.QueryParameter.POST_STATUS;
import static dev.platform.infra.docs.QueryParameter.REBUILD_SWITCH;
import static dev.platform.infra.docs.QueryParameter.SUBSCRIPTION_STATUS;
import static dev.platform.infra.docs.QueryParameter.UNSUBSCRIBE_TOKEN;
import static dev.platform.infra.docs.RequestHeader.IDEMPOTENCY_KEY;
import static dev.platform.infra.docs.RequestHeader.IF_MATCH;
import static dev.platform.infra.docs.RequestHeader.IF_NONE_MATCH;
import static dev.platform.infra.docs.ResponseHeader.ETAG;
import static dev.platform.infra.docs.ResponseHeader.LINK;
import static dev.platform.infra.docs.ResponseHeader.LOCATION;
import static dev.platform.infra.docs.ResponseHeader.READ_MODEL;
import static dev.platform.infra.docs.ResponseHeader.TOTAL_COUNT;

import dev.platform.infra.docs.ApiOperation.Answer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

// Over 200 lines: one row per operation of the API, a table best read whole.
/**
 * The one table that describes every operation of the API, keyed by {@code "METHOD path"}. Every process documents
 * the operations it serves from it, so ids and tags are the same in the all-in-one application and the split sides,
 * and the controllers carry no documentation annotations. {@code OpenApiDescriptionEndToEndTest} fails when the
 * application serves an operation the table lacks, or the table names one nobody serves.
 */
public final class ApiOperations {

    private static final String IDEMPOTENCY_IN_FLIGHT =
            "an earlier request with the same Idempotency-Key is still being handled";
    private static final String KEY_REUSED = "IDEMPOTENCY_KEY_REUSED: this Idempotency-Key came with another body";
    private static final String STALE = "PRECONDITION_FAILED: If-Match names an older version; nothing changed";
    private static final String IF_MATCH_REQUIRED =
            "PRECONDITION_REQUIRED: If-Match is missing and platform.api.require-if-match is on";
    private static final String LIST = "The page, newest or oldest first as the operation says";

    private static final Map<String, ApiOperation> TABLE = table(List.of(
            // Users
            post("/api/v1/users/register", "registerUser", USERS, "Register a creator or a reader")
                    .publicAccess()
                    .answer(201, "The new user", LOCATION, READ_MODEL)
                    .error(409, "EMAIL_TAKEN, USERNAME_TAKEN; or " + IDEMPOTENCY_IN_FLIGHT)
                    .error(422, KEY_REUSED)
                    .headers(IDEMPOTENCY_KEY)
                    .example("{\"email\": \"ada@example.com\", \"password\": \"correct-horse\","
                            + " \"username\": \"ada\", \"role\": \"creator\"}"),
            post("/api/v1/users/login", "login", USERS, "Log in: a bearer token for the other operations")
                    .publicAccess()
                    .answer(200, "The access token")
                    .example("{\"email\": \"ada@example.com\", \"password\": \"correct-horse\"}"),
            get("/api/v1/users/{id}", "getUser", USERS, "A user's profile (the e-mail only for its owner and admins)")
                    .answer(200, "The profile", ETAG)
                    .notModified()
                    .headers(IF_NONE_MATCH),
            put("/api/v1/users/{id}", "updateUser", USERS, "Change one's username or bio")
                    .answer(200, "The profile as changed", ETAG, READ_MODEL)
                    .error(409, "USERNAME_TAKEN, CONCURRENT_MODIFICATION")
                    .error(412, STALE)
                    .error(428, IF_MATCH_REQUIRED)
                    .headers(IF_MATCH)
                    .example("{\"username\": \"ada_lovelace\", \"bio\": \"Writes about engines.\"}"),
            delete(
                            "/api/v1/users/{id}",
                            "eraseUser",
                            USERS,
                            "Erase a person (themselves with their password, or an admin): crypto-shredding")
                    .answer(204, "Erased: their personal data reads as erased everywhere, their tokens are refused")
                    .error(400, "VALIDATION_FAILED (field password): missing or wrong when erasing oneself")
                    .error(404, "NOT_FOUND: no such user; USER_NOT_FOUND: erased already")
                    .error(429, "RATE_LIMITED: too many wrong passwords (logins and changes) for this e-mail")
                    .example("{\"password\": \"correct-horse\"}"),
            post("/api/v1/users/{id}/password", "changePassword", USERS, "Change one's password (the owner)")
                    .answer(200, "A new access token: every token issued before the change is refused", READ_MODEL)
                    .error(429, "RATE_LIMITED: too many wrong passwords (logins and changes) for this e-mail")
                    .example("{\"current_password\": \"correct-horse\", \"password\": \"battery-staple\"}"),
            post(
                            "/api/v1/users/verify-email",
                            "verifyEmail",
                            USERS,
                            "Verify one's e-mail address with its link's token")
                    .publicAccess()
                    .answer(200, "The address is verified (also when it already was)", READ_MODEL)
                    .error(400, "VALIDATION_FAILED (field token): the token is missing, altered, expired or not ours")
                    .example("{\"token\": \"<the token of the link in the verification e-mail>\"}"),
            post(
                            "/api/v1/users/{id}/verification-email",
                            "resendVerificationEmail",
                            USERS,
                            "Ask for another verification e-mail (the owner)")
                    .answer(202, "Another verification e-mail is requested (recorded)", READ_MODEL)
                    .answer(200, "The address is verified already: nothing is sent")
                    .error(429, "RATE_LIMITED: the previous request for one was less than a minute ago"),
            post(
                            "/api/v1/users/password-reset",
                            "requestPasswordReset",
                            USERS,
                            "Ask for a password reset e-mail (the same answer for every address)")
                    .publicAccess()
                    .answer(202, "Accepted: if an account has the address, a reset e-mail goes out (at its pace)")
                    .error(503, "SERVICE_UNAVAILABLE: too many requests waiting to be handled (Retry-After)")
                    .example("{\"email\": \"ada@example.com\"}"),
            post(
                            "/api/v1/users/password-reset/confirm",
                            "confirmPasswordReset",
                            USERS,
                            "Set a new password with the token of a reset e-mail")
                    .publicAccess()
                    .answer(200, "The password is set: every token issued before is refused", READ_MODEL)
                    .error(
                            400,
                            "VALIDATION_FAILED (field token): the token is missing, altered, expired, not ours or spent;"
                                    + " (field password): not 8 to 128 characters")
                    .example("{\"token\": \"<the token of the reset e-mail>\", \"password\": \"battery-staple\"}"),
            // Posts
            post("/api/v1/posts", "createPost", POSTS, "Write a draft (creators only)")
                    .answer(201, "The new draft", LOCATION, READ_MODEL)
                    .error(409, IDEMPOTENCY_IN_FLIGHT)
                    .error(422, KEY_REUSED)
                    .headers(IDEMPOTENCY_KEY)
                    .example("{\"title\": \"Hello\", \"content\": \"My first post, in **Markdown**.\"}"),
            get("/api/v1/posts/{id}", "getPost", POSTS, "A post, or with as_of a past version of it")
                    .answer(200, "The post", ETAG)
                    .notModified()
                    .query(AS_OF)
                    .headers(IF_NONE_MATCH),
            put("/api/v1/posts/{id}", "updatePost", POSTS, "Edit a post, publish or unpublish it (its creator)")
                    .answer(200, "The post as changed", ETAG, READ_MODEL)
                    .error(409, "POST_ALREADY_PUBLISHED, POST_NOT_PUBLISHED, CONCURRENT_MODIFICATION")
                    .error(412, STALE)
                    .error(428, IF_MATCH_REQUIRED)
                    .headers(IF_MATCH)
                    .example("{\"title\": \"Hello again\", \"content\": \"Edited.\"}"),
            post(
                            "/api/v1/posts/{id}/publish",
                            "publishPost",
                            POSTS,
                            "Publish a draft now (its subscribers get an e-mail), or schedule it with publish_at")
                    .answer(200, "The published post, or the scheduled one with its publish_at", ETAG, READ_MODEL)
                    .error(409, "POST_ALREADY_PUBLISHED, CONCURRENT_MODIFICATION")
                    .error(412, STALE)
                    .error(428, IF_MATCH_REQUIRED)
                    .headers(IF_MATCH)
                    .example("{\"publish_at\": \"2026-12-24T08:00:00.000Z\"}"),
            delete("/api/v1/posts/{id}", "deletePost", POSTS, "Delete a post (its creator, or an admin)")
                    .answer(204, "Deleted: gone from every read, its pending e-mails withdrawn", READ_MODEL)
                    .error(409, "CONCURRENT_MODIFICATION")
                    .error(412, STALE)
                    .error(428, IF_MATCH_REQUIRED)
                    .headers(IF_MATCH),
            post(
                            "/api/v1/posts/{id}/unschedule",
                            "unschedulePost",
                            POSTS,
                            "Cancel a scheduled publication: the post is a draft again (its creator)")
                    .answer(200, "The post, a draft", ETAG, READ_MODEL)
                    .error(409, "POST_ALREADY_PUBLISHED, CONCURRENT_MODIFICATION"),
            get("/api/v1/creators/{creator_id}/posts", "listCreatorPosts", POSTS, "A creator's posts, newest first")
                    .answer(200, LIST, TOTAL_COUNT, LINK)
                    .query(POST_STATUS, LIMIT, OFFSET),
            get("/api/v1/posts/{id}/stats", "getPostStats", POSTS, "A post's views (its creator)")
                    .answer(200, "The counts"),
            // Comments
            post("/api/v1/posts/{post_id}/comments", "addComment", COMMENTS, "Comment on a published post or reply")
                    .answer(201, "The new comment", LOCATION, READ_MODEL)
                    .error(409, "POST_NOT_PUBLISHED (to the post's creator); or " + IDEMPOTENCY_IN_FLIGHT)
                    .error(422, KEY_REUSED)
                    .headers(IDEMPOTENCY_KEY)
                    .example("{\"content\": \"Great post!\", \"parent_comment_id\": null}"),
            get("/api/v1/posts/{post_id}/comments", "listComments", COMMENTS, "A post's comments, oldest first")
                    .answer(200, LIST, TOTAL_COUNT, LINK)
                    .query(LIMIT, OFFSET),
            get("/api/v1/posts/{post_id}/comments/{id}", "getComment", COMMENTS, "One comment of a post")
                    .answer(200, "The comment (a placeholder when it was removed and has replies)"),
            put("/api/v1/posts/{post_id}/comments/{id}", "editComment", COMMENTS, "Edit one's comment (its author)")
                    .answer(200, "The comment as edited", READ_MODEL)
                    .error(404, "POST_NOT_FOUND (a post the caller may not see), COMMENT_NOT_FOUND (also when removed)")
                    .error(409, "POST_NOT_PUBLISHED (to the post's creator), CONCURRENT_MODIFICATION")
                    .example("{\"content\": \"Great post, edited.\"}"),
            delete(
                            "/api/v1/posts/{post_id}/comments/{id}",
                            "deleteComment",
                            COMMENTS,
                            "Remove a comment (its author; the post's creator and admins moderate)")
                    .answer(204, "Removed", READ_MODEL)
                    .error(404, "POST_NOT_FOUND (a post the caller may not see), COMMENT_NOT_FOUND (also when removed)")
                    .error(409, "CONCURRENT_MODIFICATION"),
            // Subscriptions
            post("/api/v1/creators/{creator_id}/subscribe", "subscribe", SUBSCRIPTIONS, "Subscribe to a creator")
                    .answer(201, "A new subscription", LOCATION, READ_MODEL)
                    .answer(200, "The subscription was active already, or is active again", READ_MODEL),
            post("/api/v1/creators/{creator_id}/unsubscribe", "unsubscribe", SUBSCRIPTIONS, "Cancel a subscription")
                    .answer(200, "The cancelled subscription (also when it already was)", READ_MODEL),
            get(
                            "/api/v1/unsubscribe",
                            "unsubscribeByLinkPage",
                            SUBSCRIPTIONS,
                            "The page of an e-mail's unsubscribe link: a button that posts; changes nothing")
                    .publicAccess()
                    .answer(200, "An HTML page (text/html) with a form that posts to the same URL")
                    .error(400, "VALIDATION_FAILED (field token): the token is missing, altered or not ours")
                    .query(UNSUBSCRIBE_TOKEN),
            post(
                            "/api/v1/unsubscribe",
                            "unsubscribeByLink",
                            SUBSCRIPTIONS,
                            "One-click unsubscribe (RFC 8058): cancel the subscription an e-mail's link names")
                    .publicAccess()
                    .answer(
                            200,
                            "Cancelled (also when it already was); HTML when the request accepts text/html",
                            READ_MODEL)
                    .error(400, "VALIDATION_FAILED (field token): the token is missing, altered or not ours")
                    .error(415, "UNSUPPORTED_MEDIA_TYPE: a body that is neither a form nor JSON")
                    .query(UNSUBSCRIBE_TOKEN),
            get("/api/v1/users/{user_id}/subscriptions", "listSubscriptions", SUBSCRIPTIONS, "One's subscriptions")
                    .answer(200, LIST, TOTAL_COUNT, LINK)
                    .query(SUBSCRIPTION_STATUS, LIMIT, OFFSET),
            get(
                            "/api/v1/users/{user_id}/subscriptions/{creator_id}",
                            "getSubscription",
                            SUBSCRIPTIONS,
                            "One's subscription to a creator")
                    .answer(200, "The subscription"),
            get(
                            "/api/v1/creators/{creator_id}/subscribers/count",
                            "countSubscribers",
                            SUBSCRIPTIONS,
                            "How many active subscribers a creator has (the creator, admins)")
                    .answer(200, "The count"),
            get(
                            "/api/v1/creators/{creator_id}/subscribers",
                            "listSubscribers",
                            SUBSCRIPTIONS,
                            "A creator's active subscribers, newest first (the creator, admins)")
                    .answer(200, LIST, TOTAL_COUNT, LINK)
                    .query(LIMIT, OFFSET),
            // Notifications
            get(
                            "/api/v1/posts/{id}/notifications",
                            "getPostNotifications",
                            NOTIFICATIONS,
                            "The e-mails about a post (its creator; once deleted, admins)")
                    .answer(200, "The counts", READ_MODEL),
            post(
                            "/api/v1/admin/notifications/replay",
                            "replayNotifications",
                            NOTIFICATIONS,
                            "Try failed e-mails again, of one post or all (admin)")
                    .answer(202, "How many deliveries were put back")
                    .example("{\"post_id\": \"7d3f3b8e-6a4c-4a8e-9d5e-2f1c0b9a8e71\"}"),
            // Audit
            get("/api/v1/posts/{id}/history", "getPostHistory", AUDIT, "A post's events, oldest first")
                    .answer(200, LIST, TOTAL_COUNT, LINK)
                    .query(LIMIT, OFFSET),
            get("/api/v1/admin/events", "listEvents", AUDIT, "The global event stream in order (admin)")
                    .answer(200, LIST, TOTAL_COUNT, LINK)
                    .query(AFTER, LIMIT, OFFSET),
            // Projections
            get("/api/v1/admin/projections", "listProjections", PROJECTIONS, "The read models' progress (admin)")
                    .answer(200, LIST, TOTAL_COUNT, LINK)
                    .query(LIMIT, OFFSET),
            post(
                            "/api/v1/admin/projections/{name}/rebuild",
                            "rebuildProjection",
                            PROJECTIONS,
                            "Rebuild a read model from the event store beside the live one (admin)")
                    .answer(202, "The rebuild has started")
                    .query(REBUILD_SWITCH)
                    .error(409, "CONCURRENT_MODIFICATION: a rebuild of this projection is running"),
            get(
                            "/api/v1/admin/projections/{name}/rebuild",
                            "getProjectionRebuild",
                            PROJECTIONS,
                            "A rebuild's state, progress and comparison with the live tables (admin)")
                    .answer(200, "The rebuild started on this node, running or the last one"),
            post(
                            "/api/v1/admin/projections/{name}/rebuild/switch",
                            "switchProjectionRebuild",
                            PROJECTIONS,
                            "Switch a manual rebuild in (admin)")
                    .answer(200, "Switched in")
                    .error(409, "CONCURRENT_MODIFICATION: the rebuild has not caught up yet"),
            delete(
                            "/api/v1/admin/projections/{name}/rebuild",
                            "discardProjectionRebuild",
                            PROJECTIONS,
                            "Discard a running rebuild; the live tables are untouched (admin)")
                    .answer(200, "Discarded"),
            get("/api/v1/admin/dead-letters", "listDeadLetters", PROJECTIONS, "Parked events (admin)")
                    .answer(200, LIST, TOTAL_COUNT, LINK)
                    .query(LIMIT, OFFSET),
            post(
                            "/api/v1/admin/dead-letters/{id}/retry",
                            "retryDeadLetter",
                            PROJECTIONS,
                            "Apply a parked event's sequence now (admin)")
                    .answer(200, "Whether the event is applied now")
                    .error(409, "CONCURRENT_MODIFICATION: another node handles this sequence, or another process"),
            delete("/api/v1/admin/dead-letters/{id}", "deleteDeadLetter", PROJECTIONS, "Drop a parked event (admin)")
                    .answer(204, "Dropped")));

    private ApiOperations() {}

    /** Every operation, in the order of the table. */
    public static List<ApiOperation> all() {
        return List.copyOf(TABLE.values());
    }

    public static Optional<ApiOperation> find(String method, String path) {
        return Optional.ofNullable(TABLE.get(ApiOperation.key(method, path)));
    }

    private static Map<String, ApiOperation> table(List<Builder> builders) {
        Map<String, ApiOperation> table = new LinkedHashMap<>();
        for (Builder builder : builders) {
            ApiOperation operation = builder.build();
            if (table.put(operation.key(), operation) != null) {
                throw new IllegalStateException("Described twice: " + operation.key());
            }
        }
        return table;
    }

    private static Builder get(String path, String id, ApiTag tag, String summary) {
        return new Builder("GET", path, id, tag, summary);
    }

    private static Builder post(String path, String id, ApiTag tag, String summary) {
        return new Builder("POST", path, id, tag, summary);
    }

    private static Builder put(String path, String id, ApiTag tag, String summary) {
        return new Builder("PUT", path, id, tag, summary);
    }

    private static Builder delete(String path, String id, ApiTag tag, String summary) {
        return new Builder("DELETE", path, id, tag, summary);
    }

    /** Reads as the table above; only used while the table is built. */
    private static final class Builder {
        private final String method;
        private final String path;
        private final String operationId;
        private final ApiTag tag;
        private final String summary;
        private boolean publicAccess;
        private final List<Answer> successes = new ArrayList<>();
        private final Map<Integer, String> errors = new LinkedHashMap<>();
        private final List<QueryParameter> query = new ArrayList<>();
        private final List<RequestHeader> headers = new ArrayList<>();
        private String example;

        private Builder(String method, String path, String operationId, ApiTag tag, String summary) {
            this.method = method;
            this.path = path;
            this.operationId = operationId;
            this.tag = tag;
            this.summary = summary;
        }

        Builder publicAccess() {
            publicAccess = true;
            return this;
        }

        Builder answer(int status, String description, ResponseHeader... responseHeaders) {
            successes.add(new Answer(status, description, status != 204, List.of(responseHeaders)));
            return this;
        }

        Builder notModified() {
            successes.add(
                    new Answer(304, "Not modified: If-None-Match names the current version", false, List.of(ETAG)));
            return this;
        }

        Builder error(int status, String description) {
            errors.put(status, description);
            return this;
        }

        Builder query(QueryParameter... parameters) {
            query.addAll(List.of(parameters));
            return this;
        }

        Builder headers(RequestHeader... requestHeaders) {
            headers.addAll(List.of(requestHeaders));
            return this;
        }

        Builder example(String json) {
            example = json;
            return this;
        }

        ApiOperation build() {
            return new ApiOperation(
                    method,
                    path,
                    operationId,
                    tag,
                    summary,
                    publicAccess,
                    List.copyOf(successes),
                    java.util.Collections.unmodifiableMap(new LinkedHashMap<>(errors)),
                    List.copyOf(query),
                    List.copyOf(headers),
                    example);
        }
    }
}
