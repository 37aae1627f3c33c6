package dev.platform.app;

import static dev.platform.app.FuzzGen.from;
import static dev.platform.app.FuzzGen.integers;
import static dev.platform.app.FuzzGen.just;
import static dev.platform.app.FuzzGen.of;
import static dev.platform.app.FuzzGen.oneOf;
import static dev.platform.app.FuzzGen.range;
import static dev.platform.app.FuzzGen.strings;
import static dev.platform.app.FuzzGen.weight;
import static dev.platform.app.FuzzGen.weighted;
import static dev.platform.app.FuzzInputs.DIGITS;
import static dev.platform.app.FuzzInputs.LETTERS;
import static dev.platform.app.FuzzInputs.field;

import dev.platform.app.Api.TestUser;
import dev.platform.app.FuzzInputs.Field;
import dev.platform.app.FuzzJson.Body;
import dev.platform.app.FuzzRequest.Header;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Every endpoint of the contract as a generator of requests against real fixtures: the path ids are mostly
 * those of real posts, users, comments and a subscription (so input gets past the 404s), else ids of another kind,
 * unknown or malformed; the caller is mostly a real user with a valid token, else a hostile or missing
 * {@code Authorization}. Bodies, query parameters and the other headers come from {@link FuzzInputs}.
 */
final class FuzzEndpoints {

    /**
     * What the requests aim at: real users (with their tokens), posts in both states, comments, a subscription, and
     * posts of the creator that only {@code DELETE} aims at (so the other endpoints keep their posts).
     */
    record Fixtures(
            TestUser creator,
            TestUser otherCreator,
            TestUser reader,
            String adminId,
            String adminToken,
            String publishedPost,
            String draftPost,
            String otherPublishedPost,
            String otherDraftPost,
            String comment,
            String reply,
            String subscription,
            String unsubscribeToken,
            String verificationToken,
            List<String> projectionNames,
            List<String> deletablePosts) {}

    /** Who sends a request; {@code token} is null for nobody. */
    record Caller(String variable, String id, String token) {
        static final Caller NOBODY = new Caller(null, null, null);
    }

    /** One endpoint: its method and path template, its share of the requests and its generator. */
    record Endpoint(
            String method, String template, int weight, boolean succeedsSometimes, FuzzGen<FuzzRequest> requests) {
        String name() {
            return method + " " + template;
        }
    }

    private static final String JSON = "application/json";
    private static final String NO_CONTENT_TYPE = "(none)";
    private static final String HEADER_CHARS = "\t" + range(' ', '~') + range('\u00a0', '\u00ff');

    private final Fixtures fixtures;
    private final Caller creator;
    private final Caller otherCreator;
    private final Caller reader;
    private final Caller admin;

    FuzzEndpoints(Fixtures fixtures) {
        this.fixtures = fixtures;
        this.creator = caller("CREATOR", fixtures.creator());
        this.otherCreator = caller("OTHER_CREATOR", fixtures.otherCreator());
        this.reader = caller("READER", fixtures.reader());
        this.admin = new Caller("ADMIN", fixtures.adminId(), fixtures.adminToken());
    }

    private static Caller caller(String variable, TestUser user) {
        return new Caller(variable, user.id(), user.token());
    }

    /** The shell variables a replay needs, one line each ({@code CREATOR=<token>} and so on). */
    List<String> variables() {
        return List.of(creator, otherCreator, reader, admin).stream()
                .map(c -> c.variable() + "=" + c.token())
                .toList();
    }

    /** Every endpoint of the contract (and some routes that are none), with its share of the requests. */
    List<Endpoint> all() {
        String users = "/api/v1/users/";
        String posts = "/api/v1/posts/";
        String creators = "/api/v1/creators/";
        String admin = "/api/v1/admin/";
        List<Endpoint> all = new ArrayList<>();
        all.add(endpoint(
                "POST", users + "register", 4, anonymousMostly(), c -> fixed(users + "register"), c -> registration()));
        all.add(endpoint("POST", users + "login", 3, anonymousMostly(), c -> fixed(users + "login"), c -> login()));
        all.add(endpoint("GET", users + "{id}", 5, anyone(), c -> path(users, userId(c), ""), c -> noBody()));
        all.add(endpoint("PUT", users + "{id}", 5, anyone(), c -> path(users, userId(c), ""), c -> profile()));
        all.add(endpoint(
                "POST",
                users + "{id}/password",
                3,
                passwordChangers(),
                c -> path(users, userId(c), "/password"),
                c -> passwordChange()));
        all.add(endpoint("DELETE", users + "{id}", 2, erasers(), c -> path(users, userId(c), ""), c -> erasure()));
        all.add(endpoint(
                "POST",
                users + "verify-email",
                2,
                anonymousMostly(),
                c -> fixed(users + "verify-email"),
                c -> verification()));
        all.add(endpoint(
                "POST",
                users + "{id}/verification-email",
                2,
                anyone(),
                c -> path(users, userId(c), "/verification-email"),
                c -> noBodyMostly()));
        all.add(endpoint(
                "POST",
                users + "password-reset",
                2,
                anonymousMostly(),
                c -> fixed(users + "password-reset"),
                c -> resetRequest()));
        all.add(endpoint(
                "POST",
                users + "password-reset/confirm",
                2,
                anonymousMostly(),
                c -> fixed(users + "password-reset/confirm"),
                c -> resetConfirmation()));
        all.add(endpoint("POST", "/api/v1/posts", 7, creatorsMostly(), c -> fixed("/api/v1/posts"), c -> newPost()));
        all.add(endpoint(
                "GET", posts + "{id}", 8, anyone(), c -> path(posts, postId(), "", 3, "as_of"), c -> noBody()));
        all.add(endpoint(
                "PUT", posts + "{id}", 7, creatorsMostly(), c -> path(posts, postId(), ""), c -> postUpdate()));
        all.add(endpoint(
                "DELETE", posts + "{id}", 2, creatorsMostly(), c -> path(posts, deletablePostId(), ""), c -> noBody()));
        all.add(endpoint(
                "POST",
                posts + "{id}/publish",
                4,
                creatorsMostly(),
                c -> path(posts, postId(), "/publish"),
                c -> publishBody()));
        all.add(endpoint(
                "POST",
                posts + "{id}/unschedule",
                2,
                creatorsMostly(),
                c -> path(posts, postId(), "/unschedule"),
                c -> noBodyMostly()));
        all.add(endpoint(
                "GET",
                creators + "{creator_id}/posts",
                6,
                anyone(),
                c -> path(creators, creatorId(), "/posts", 1, "status", "limit", "offset"),
                c -> noBody()));
        all.add(endpoint(
                "GET",
                posts + "{id}/history",
                4,
                creatorsMostly(),
                c -> path(posts, postId(), "/history", 1, "limit", "offset"),
                c -> noBody()));
        all.add(endpoint(
                "GET", posts + "{id}/stats", 3, creatorsMostly(), c -> path(posts, postId(), "/stats"), c -> noBody()));
        all.add(endpoint(
                "GET",
                posts + "{id}/notifications",
                3,
                creatorsMostly(),
                c -> path(posts, postId(), "/notifications"),
                c -> noBody()));
        all.add(endpoint(
                "POST",
                posts + "{post_id}/comments",
                7,
                anyone(),
                c -> path(posts, postId(), "/comments"),
                c -> comment()));
        all.add(endpoint(
                "GET",
                posts + "{post_id}/comments",
                5,
                anyone(),
                c -> path(posts, postId(), "/comments", 1, "limit", "offset"),
                c -> noBody()));
        all.add(endpoint(
                "GET",
                posts + "{post_id}/comments/{id}",
                3,
                anyone(),
                c -> random -> posts + postId().next(random) + "/comments/"
                        + commentId().next(random),
                c -> noBody()));
        all.add(endpoint(
                "PUT",
                posts + "{post_id}/comments/{id}",
                4,
                commentAuthorsMostly(),
                c -> random -> posts + commentedPostId().next(random) + "/comments/"
                        + commentId().next(random),
                c -> commentEdit()));
        // Only the reply is ever removed on purpose: the comment stays for the edits and reads above (once the reply
        // is gone, removals find nothing left: 404).
        all.add(endpoint(
                "DELETE",
                posts + "{post_id}/comments/{id}",
                2,
                anyone(),
                c -> random -> posts + commentedPostId().next(random) + "/comments/"
                        + removableCommentId().next(random),
                c -> noBodyMostly()));
        all.add(endpoint(
                "POST",
                creators + "{creator_id}/subscribe",
                4,
                anyone(),
                c -> path(creators, creatorId(), "/subscribe"),
                c -> noBodyMostly()));
        all.add(endpoint(
                "POST",
                creators + "{creator_id}/unsubscribe",
                4,
                anyone(),
                c -> path(creators, creatorId(), "/unsubscribe"),
                c -> noBodyMostly()));
        // The e-mail's one-click link: no login, whoever calls; the token is mostly the fixture subscription's.
        all.add(endpoint("GET", "/api/v1/unsubscribe", 2, anyone(), c -> unsubscribeLink(), c -> noBody()));
        all.add(endpoint("POST", "/api/v1/unsubscribe", 3, anyone(), c -> unsubscribeLink(), c -> oneClickBody()));
        all.add(endpoint(
                "GET",
                users + "{user_id}/subscriptions",
                4,
                anyone(),
                c -> path(users, userId(c), "/subscriptions", 1, "status", "limit", "offset"),
                c -> noBody()));
        all.add(endpoint(
                "GET",
                users + "{user_id}/subscriptions/{creator_id}",
                3,
                anyone(),
                c -> random -> users + userId(c).next(random) + "/subscriptions/"
                        + creatorId().next(random),
                c -> noBody()));
        all.add(endpoint(
                "GET",
                creators + "{creator_id}/subscribers/count",
                3,
                creatorsMostly(),
                c -> path(creators, creatorId(), "/subscribers/count"),
                c -> noBody()));
        all.add(endpoint(
                "GET",
                creators + "{creator_id}/subscribers",
                3,
                creatorsMostly(),
                c -> path(creators, creatorId(), "/subscribers", 1, "limit", "offset"),
                c -> noBody()));
        all.add(endpoint(
                "GET",
                admin + "events",
                4,
                adminMostly(),
                c -> path(admin, just("events"), "", 1, "after", "limit", "offset"),
                c -> noBody()));
        all.add(endpoint(
                "GET",
                admin + "projections",
                3,
                adminMostly(),
                c -> path(admin, just("projections"), "", 1, "limit", "offset"),
                c -> noBody()));
        all.add(endpoint(
                "POST",
                admin + "projections/{name}/rebuild",
                2,
                adminMostly(),
                c -> path(admin + "projections/", projectionName(c), "/rebuild"),
                c -> noBodyMostly()));
        all.add(endpoint(
                "GET",
                admin + "projections/{name}/rebuild",
                1,
                adminMostly(),
                c -> path(admin + "projections/", projectionName(c), "/rebuild"),
                c -> noBody()));
        all.add(endpoint(
                "POST",
                admin + "projections/{name}/rebuild/switch",
                1,
                adminMostly(),
                c -> path(admin + "projections/", projectionName(c), "/rebuild/switch"),
                c -> noBodyMostly()));
        all.add(endpoint(
                "DELETE",
                admin + "projections/{name}/rebuild",
                1,
                adminMostly(),
                c -> path(admin + "projections/", projectionName(c), "/rebuild"),
                c -> noBody()));
        all.add(endpoint("GET", "(other routes)", 2, anyone(), c -> otherRoute(), c -> noBody()));
        return all;
    }

    /** One generator over all endpoints, each drawn as often as its weight says. */
    static FuzzGen<FuzzRequest> requests(List<Endpoint> endpoints) {
        return weighted(endpoints.stream()
                .map(endpoint -> weight(endpoint.weight(), endpoint.requests()))
                .toList());
    }

    private Endpoint endpoint(
            String method,
            String template,
            int weight,
            FuzzGen<Caller> callers,
            Function<Caller, FuzzGen<String>> paths,
            Function<Caller, FuzzGen<Body>> bodies) {
        // The generators of a caller are built once, at its first draw: they depend on nothing else.
        Map<Caller, FuzzGen<FuzzRequest>> byCaller = new ConcurrentHashMap<>();
        FuzzGen<FuzzRequest> requests = callers.flatMap(caller -> byCaller.computeIfAbsent(caller, c -> {
            FuzzGen<String> path = paths.apply(c);
            FuzzGen<Body> body = bodies.apply(c);
            FuzzGen<Envelope> envelope = envelope(c, method);
            return random ->
                    request(method + " " + template, path.next(random), body.next(random), envelope.next(random));
        }));
        // The admin never rebuilds a real projection (so there is no rebuild to look at, switch or discard); other
        // routes have no success to find; a password change or
        // reset that succeeded would refuse its user's token, which the rest of the run uses (their successes:
        // PasswordChangeEndToEndTest, PasswordResetEndToEndTest); an erasure that succeeded would erase a fixture (its
        // success: ErasureEndToEndTest).
        boolean succeedsSometimes = !template.endsWith("/rebuild")
                && !template.endsWith("/rebuild/switch")
                && !template.endsWith("/password")
                && !template.endsWith("/confirm")
                && !(method.equals("DELETE") && template.equals("/api/v1/users/{id}"))
                && template.startsWith("/");
        return new Endpoint(method, template, weight, succeedsSometimes, requests);
    }

    private static FuzzRequest request(String endpoint, String path, Body body, Envelope envelope) {
        List<Header> headers = new ArrayList<>(envelope.authorization());
        String contentType = envelope.contentType();
        // A client sends Content-Type with a body; an odd one is sent without a body too.
        if (contentType != null && (body.bytes().length > 0 || !contentType.equals(JSON))) {
            headers.add(new Header("Content-Type", contentType));
        }
        headers.addAll(envelope.others());
        return new FuzzRequest(endpoint, envelope.method(), path, List.copyOf(headers), body);
    }

    /**
     * The method and headers around a request. Mostly what a client sends (so the path and body are what is
     * tested); else one of them is hostile, or all at once.
     *
     * @param contentType the {@code Content-Type} when a body is sent; null for none
     * @param others {@code Accept} and {@code X-Request-Id}; without an {@code X-Request-Id} the runner sends its own
     */
    record Envelope(List<Header> authorization, String contentType, List<Header> others, String method) {}

    private FuzzGen<Envelope> envelope(Caller caller, String method) {
        List<Header> bearer = caller.token() == null
                ? List.of()
                : List.of(new Header("Authorization", "Bearer " + caller.token(), "Bearer $" + caller.variable()));
        Envelope normal = new Envelope(bearer, JSON, List.of(), method);
        FuzzGen<List<Header>> hostileAuthorization = hostileAuthorization(caller.token() == null ? creator : caller);
        FuzzGen<String> contentType = oddContentType();
        FuzzGen<List<Header>> accept = accept();
        FuzzGen<List<Header>> requestId = requestId();
        FuzzGen<String> anyMethod = oneOf(just(method), otherMethod());
        FuzzGen<Envelope> allHostile = random -> new Envelope(
                hostileAuthorization.next(random),
                contentType.next(random),
                concat(accept.next(random), requestId.next(random)),
                anyMethod.next(random));
        return weighted(
                weight(80, just(normal)),
                weight(5, hostileAuthorization.map(a -> new Envelope(a, JSON, List.of(), method))),
                weight(4, contentType.map(c -> new Envelope(bearer, c, List.of(), method))),
                weight(2, accept.map(a -> new Envelope(bearer, JSON, a, method))),
                weight(3, requestId.map(r -> new Envelope(bearer, JSON, r, method))),
                weight(2, otherMethod().map(m -> new Envelope(bearer, JSON, List.of(), m))),
                weight(4, allHostile));
    }

    // ---- callers and the Authorization header ----

    private FuzzGen<Caller> anyone() {
        return weighted(
                weight(8, just(creator)),
                weight(3, just(otherCreator)),
                weight(5, just(reader)),
                weight(2, just(admin)),
                weight(1, just(Caller.NOBODY)));
    }

    private FuzzGen<Caller> creatorsMostly() {
        return weighted(
                weight(10, just(creator)),
                weight(3, just(otherCreator)),
                weight(2, just(reader)),
                weight(1, just(admin)),
                weight(1, just(Caller.NOBODY)));
    }

    /** The reader wrote the fixture comment, the creator the reply: the ones who may edit them. */
    private FuzzGen<Caller> commentAuthorsMostly() {
        return weighted(
                weight(8, just(reader)),
                weight(4, just(creator)),
                weight(2, just(otherCreator)),
                weight(1, just(admin)),
                weight(1, just(Caller.NOBODY)));
    }

    private FuzzGen<Caller> adminMostly() {
        return weighted(
                weight(8, just(admin)),
                weight(2, just(creator)),
                weight(1, just(reader)),
                weight(1, just(Caller.NOBODY)));
    }

    /**
     * The callers of a password change: never the creator or the reader, whose e-mails the right-password logins use
     * (a wrong current password counts in the login throttle of the caller's e-mail, as a failed login does).
     */
    private FuzzGen<Caller> passwordChangers() {
        return weighted(weight(4, just(admin)), weight(3, just(otherCreator)), weight(1, just(Caller.NOBODY)));
    }

    /**
     * The callers of an erasure: never the admin (who needs no password, and would erase a fixture), never the creator
     * or the reader (a wrong password counts in their login throttle, see {@link #passwordChangers}).
     */
    private FuzzGen<Caller> erasers() {
        return weighted(weight(4, just(otherCreator)), weight(1, just(Caller.NOBODY)));
    }

    private FuzzGen<Caller> anonymousMostly() {
        return weighted(weight(8, just(Caller.NOBODY)), weight(1, just(creator)));
    }

    private FuzzGen<List<Header>> hostileAuthorization(Caller caller) {
        String token = caller.token();
        String shown = "$" + caller.variable();
        String[] parts = token.split("\\.");
        String elevated = base64("{\"sub\":\"" + fixtures.adminId()
                + "\",\"role\":\"admin\",\"iss\":\"creator-platform\"," + "\"iat\":1700000000,\"exp\":4100000000}");
        String none = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        List<Header> variants = List.of(
                new Header("Authorization", ""),
                new Header("Authorization", "Bearer"),
                new Header("Authorization", "Bearer "),
                new Header("Authorization", "bearer " + token, "bearer " + shown),
                new Header("Authorization", "Bearer  " + token, "Bearer  " + shown),
                new Header("Authorization", "Bearer " + token + "x", "Bearer " + shown + "x"),
                new Header("Authorization", "Bearer " + token + " extra", "Bearer " + shown + " extra"),
                new Header(
                        "Authorization",
                        "Bearer " + parts[0] + "." + elevated + "." + parts[2],
                        "Bearer <$" + caller.variable() + " with an admin payload>"),
                new Header("Authorization", "Bearer " + none + "." + elevated + ".", "Bearer <alg none, admin>"),
                new Header("Authorization", "Bearer " + parts[0] + ".." + parts[2], "Bearer <no payload>"),
                new Header("Authorization", "Bearer a.b.c"),
                new Header("Authorization", "Bearer ...."),
                new Header("Authorization", "Basic dXNlcjpwYXNzd29yZA=="),
                new Header("Authorization", "Token " + token, "Token " + shown),
                new Header("Authorization", "Bearer " + "A".repeat(9000), "Bearer <9000 × A>"),
                new Header("Authorization", "Bearer \u00e9\u00ff\t"));
        return weighted(
                weight(8, from(variants).map(List::of)),
                weight(1, from(variants).list(2, 2)),
                weight(1, headerText().map(text -> List.of(new Header("Authorization", "Bearer " + text)))));
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    // ---- other headers ----

    /** Text an HTTP client can put in a header: tab, visible ASCII, Latin-1 (no CR, LF or other controls). */
    private static FuzzGen<String> headerText() {
        return strings(HEADER_CHARS, 0, 80);
    }

    /** A {@code Content-Type} that is not plain JSON, or none (null). */
    private static FuzzGen<String> oddContentType() {
        FuzzGen<String> odd = of(
                "text/plain",
                "application/xml",
                "application/x-www-form-urlencoded",
                "multipart/form-data",
                "multipart/form-data; boundary=x",
                "application/json; charset=ISO-8859-1",
                "application/json; charset=UTF-16",
                "application/json; charset=nonsense",
                "application/json; charset=\"",
                "application/json;;;",
                "application/*",
                "*/*",
                "application/json-patch+json",
                "application/problem+json",
                "APPLICATION/JSON",
                "json",
                "",
                "/",
                ";");
        return weighted(weight(8, odd), weight(1, headerText()), weight(1, just(NO_CONTENT_TYPE)))
                .map(value -> value.equals(NO_CONTENT_TYPE) ? null : value);
    }

    /** An {@code X-Request-Id} that is not sane (the server must replace it), or none at all. */
    private static FuzzGen<List<Header>> requestId() {
        return weighted(
                weight(
                        3,
                        of(
                                        "",
                                        " ",
                                        "a".repeat(64),
                                        "a".repeat(65),
                                        "has space",
                                        "../x",
                                        "<script>",
                                        "x".repeat(7000),
                                        "\u00e9t\u00e9")
                                .map(value -> List.of(new Header("X-Request-Id", value)))),
                weight(2, headerText().map(value -> List.of(new Header("X-Request-Id", value)))),
                weight(1, just(List.of(new Header("X-Request-Id", null)))));
    }

    private static FuzzGen<List<Header>> accept() {
        return of("text/html", "application/xml", "*/*", "application/json;q=0", "image/*", "garbage", ";", "")
                .map(value -> List.of(new Header("Accept", value)));
    }

    private static FuzzGen<String> otherMethod() {
        return of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE");
    }

    // ---- paths and query strings ----

    private static FuzzGen<String> fixed(String path) {
        return just(path);
    }

    private static FuzzGen<String> path(String prefix, FuzzGen<String> id, String suffix) {
        return id.map(value -> prefix + value + suffix);
    }

    private static FuzzGen<String> path(
            String prefix, FuzzGen<String> id, String suffix, int rarity, String... parameters) {
        FuzzGen<String> query = query(rarity, parameters);
        return random -> prefix + id.next(random) + suffix + query.next(random);
    }

    /**
     * A query string of these parameters as {@link FuzzInputs#pick} chooses them: valid means left out (a
     * parameter of rarity {@code r} is left out {@code r} times as often as given) or a valid value; hostile means
     * a hostile value, a bare name, or the parameter twice. Sometimes a parameter nobody asked for is added.
     */
    private static FuzzGen<String> query(int rarity, String... parameters) {
        List<Field> fields = new ArrayList<>();
        for (String name : parameters) {
            FuzzGen<Object> valid = weighted(
                    weight(rarity, just(List.of())),
                    weight(1, validValue(name).map(value -> List.of(name + "=" + FuzzJson.percentEncode(value)))));
            FuzzGen<String> values = oneOf(validValue(name), hostileValue(name));
            FuzzGen<Object> hostile = weighted(
                    weight(4, hostileValue(name).map(value -> List.of(name + "=" + FuzzJson.percentEncode(value)))),
                    weight(1, of(List.of(name), List.of(name + "="))),
                    weight(
                            1,
                            values.list(2, 2)
                                    .map(two -> two.stream()
                                            .map(value -> name + "=" + FuzzJson.percentEncode(value))
                                            .toList())));
            fields.add(new Field(valid, hostile));
        }
        FuzzGen<List<String>> pairs = FuzzInputs.pick(fields)
                .map(chosen -> chosen.stream()
                        .flatMap(pieces -> ((List<?>) pieces).stream().map(String::valueOf))
                        .toList());
        FuzzGen<String> text = FuzzInputs.hostileText();
        FuzzGen<List<String>> stranger = weighted(
                weight(12, just(List.of())),
                weight(
                        1,
                        random -> List.of(FuzzJson.percentEncode(text.next(random)) + "="
                                + FuzzJson.percentEncode(text.next(random)))));
        return random -> {
            List<String> all = concat(pairs.next(random), stranger.next(random));
            return all.isEmpty() ? "" : "?" + String.join("&", all);
        };
    }

    private static FuzzGen<String> validValue(String parameter) {
        return switch (parameter) {
            case "as_of" -> FuzzInputs.validInstant();
            case "status" -> of("published", "draft", "scheduled", "active", "cancelled");
            case "limit" -> integers(1, 100).map(String::valueOf);
            default -> integers(0, 40).map(String::valueOf);
        };
    }

    private static FuzzGen<String> hostileValue(String parameter) {
        return switch (parameter) {
            case "as_of" -> FuzzInputs.hostileInstant();
            case "status" ->
                weighted(
                        weight(2, of("PUBLISHED", "archived", "draft ", "", "all")),
                        weight(1, FuzzInputs.hostileText()));
            default -> FuzzInputs.hostileNumber();
        };
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private FuzzGen<String> postId() {
        return id(
                of(
                        fixtures.publishedPost(),
                        fixtures.publishedPost(),
                        fixtures.draftPost(),
                        fixtures.otherPublishedPost(),
                        fixtures.otherDraftPost()),
                of(
                        fixtures.creator().id(),
                        fixtures.reader().id(),
                        fixtures.comment(),
                        fixtures.reply(),
                        fixtures.subscription()));
    }

    /** The posts a deletion aims at: never those the other endpoints need. */
    private FuzzGen<String> deletablePostId() {
        return id(
                from(fixtures.deletablePosts()),
                of(fixtures.creator().id(), fixtures.comment(), fixtures.subscription()));
    }

    private FuzzGen<String> commentId() {
        return id(
                of(fixtures.comment(), fixtures.reply()),
                of(fixtures.publishedPost(), fixtures.reader().id(), fixtures.subscription()));
    }

    /** The post of the fixture comments mostly, else another post, or an id of another kind. */
    private FuzzGen<String> commentedPostId() {
        return id(
                weighted(
                        weight(6, just(fixtures.publishedPost())),
                        weight(1, of(fixtures.draftPost(), fixtures.otherPublishedPost(), fixtures.otherDraftPost()))),
                of(fixtures.creator().id(), fixtures.comment(), fixtures.reply()));
    }

    private FuzzGen<String> removableCommentId() {
        return id(
                just(fixtures.reply()),
                of(fixtures.publishedPost(), fixtures.reader().id(), fixtures.subscription()));
    }

    private FuzzGen<String> userId(Caller caller) {
        FuzzGen<String> own = caller.id() == null ? just(fixtures.creator().id()) : just(caller.id());
        return id(
                weighted(
                        weight(3, own),
                        weight(
                                1,
                                of(
                                        fixtures.creator().id(),
                                        fixtures.otherCreator().id(),
                                        fixtures.reader().id(),
                                        fixtures.adminId()))),
                of(fixtures.publishedPost(), fixtures.comment(), fixtures.subscription()));
    }

    private FuzzGen<String> creatorId() {
        return id(
                of(
                        fixtures.creator().id(),
                        fixtures.creator().id(),
                        fixtures.otherCreator().id(),
                        fixtures.reader().id(),
                        fixtures.adminId()),
                of(fixtures.publishedPost(), fixtures.comment(), fixtures.subscription()));
    }

    /** A real id of the right kind mostly; else one of another kind, an unknown one, a malformed one. */
    private static FuzzGen<String> id(FuzzGen<String> real, FuzzGen<String> otherKinds) {
        return weighted(
                weight(12, real),
                weight(2, otherKinds),
                weight(1, real.map(String::toUpperCase)),
                weight(1, FuzzInputs.uuids().map(UUID::toString)),
                weight(2, FuzzInputs.malformedId()));
    }

    /**
     * The admin names no existing projection: a rebuild would drop the parked events that the final check looks
     * for, and replay under the fuzz's feet. Everyone else may name any (and gets 403).
     */
    private FuzzGen<String> projectionName(Caller caller) {
        List<String> existing = fixtures.projectionNames();
        FuzzGen<String> other = weighted(
                weight(2, of("unknown", "POSTS", "posts ", "users.", "*").map(FuzzJson::percentEncode)),
                weight(1, FuzzInputs.malformedId()),
                weight(1, FuzzInputs.hostileText().map(FuzzJson::percentEncode)));
        if (caller == admin) {
            return other.filter(name -> !existing.contains(name));
        }
        return oneOf(from(existing), other);
    }

    private FuzzGen<String> otherRoute() {
        return weighted(
                weight(
                        2,
                        of(
                                "/",
                                "/api",
                                "/api/v1",
                                "/api/v1/",
                                "/api/v2/posts",
                                "/api/v1/POSTS",
                                "/api/v1/posts/",
                                "/api/v1/users/" + fixtures.creator().id() + "/",
                                "/api/v1/posts/" + fixtures.publishedPost() + "/comments/" + fixtures.comment()
                                        + "/replies",
                                "/api/v1/posts/" + fixtures.publishedPost() + ";jsessionid=1",
                                "/api/v1//posts",
                                "/api/v1/./posts",
                                "/api/v1/posts/../users",
                                "/api/v1/%2e%2e/v1/posts",
                                "/api/v1/admin",
                                "/api/v1/admin/dead-letters",
                                "/error",
                                "/actuator",
                                "/actuator/env",
                                "/actuator/heapdump",
                                "/actuator/health/%00")),
                weight(1, FuzzInputs.hostileText().map(text -> "/api/v1/" + FuzzJson.percentEncode(text))));
    }

    // ---- bodies ----

    private static FuzzGen<Body> noBody() {
        return weighted(weight(30, just(Body.NONE)), weight(1, FuzzInputs.malformedBody()));
    }

    /** {@code /api/v1/unsubscribe} with a valid token, one character changed, cut, hostile text, twice or none. */
    private FuzzGen<String> unsubscribeLink() {
        String token = fixtures.unsubscribeToken();
        String changed = token.substring(0, 10) + (token.charAt(10) == 'A' ? 'B' : 'A') + token.substring(11);
        FuzzGen<String> hostile = FuzzInputs.hostileText();
        FuzzGen<String> value = weighted(
                weight(8, just(token)),
                weight(1, of(changed, token.substring(1), token + "A", "", "A".repeat(92))),
                weight(1, hostile));
        return weighted(
                weight(10, value.map(v -> "/api/v1/unsubscribe?token=" + FuzzJson.percentEncode(v))),
                weight(1, just("/api/v1/unsubscribe")),
                weight(
                        1,
                        value.map(v -> "/api/v1/unsubscribe?token=" + token + "&token=" + FuzzJson.percentEncode(v))));
    }

    /** RFC 8058's form body mostly; else none, {@code {}} or anything malformed (the route does not read it). */
    private static FuzzGen<Body> oneClickBody() {
        return weighted(
                weight(6, just(FuzzJson.text("List-Unsubscribe=One-Click"))),
                weight(3, just(Body.NONE)),
                weight(1, just(FuzzJson.text("{}"))),
                weight(1, FuzzInputs.malformedBody()));
    }

    private static FuzzGen<Body> noBodyMostly() {
        return weighted(
                weight(12, just(Body.NONE)),
                weight(1, just(FuzzJson.text("{}"))),
                weight(1, FuzzInputs.malformedBody()));
    }

    /** A JSON object of these fields (with raw or escaped non-ASCII), or a malformed body in 1 of 12. */
    private static FuzzGen<Body> json(Map<String, Field> fields) {
        FuzzGen<Map<String, Object>> values = FuzzInputs.object(fields);
        FuzzGen<Body> object = random -> FuzzJson.write(values.next(random), random.nextBoolean());
        return weighted(weight(11, object), weight(1, FuzzInputs.malformedBody()));
    }

    /** Fields in this order (the order matters for reproducible cases). */
    private static Map<String, Field> fields(Object... namesAndFields) {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndFields.length; i += 2) {
            fields.put((String) namesAndFields[i], (Field) namesAndFields[i + 1]);
        }
        return fields;
    }

    private static FuzzGen<String> word(int min, int max) {
        return strings(LETTERS + DIGITS + ' ', min, max);
    }

    private static FuzzGen<String> email() {
        return strings(range('a', 'z') + DIGITS, 1, 16).map(local -> "fz" + local + "@example.com");
    }

    private static FuzzGen<String> username() {
        return strings(LETTERS + DIGITS + '_', 3, 30);
    }

    private FuzzGen<Body> registration() {
        return json(fields(
                "email",
                field(email(), 254, 2800, 10000),
                "password",
                field(word(8, 20), 8, 128, 1024),
                "username",
                field(username(), 3, 30),
                "role",
                FuzzInputs.choice(List.of("creator", "reader"), List.of("admin", "ADMIN", "Creator", " reader", ""))));
    }

    /**
     * Logins of a real user with the right password now and then (the rest are wrong, which the throttle counts:
     * the admin's address takes most of those), else any address with any password.
     */
    private FuzzGen<Body> login() {
        FuzzGen<Body> rightPassword = of(fixtures.creator(), fixtures.reader())
                .map(user -> FuzzJson.write(Map.of("email", user.email(), "password", user.password()), false));
        FuzzGen<String> addresses = weighted(
                weight(3, just(EndToEndTest.ADMIN_EMAIL)),
                weight(2, email()),
                weight(1, of(fixtures.creator().email(), fixtures.reader().email())),
                weight(1, just(EndToEndTest.ADMIN_EMAIL.toUpperCase())));
        return weighted(
                weight(1, rightPassword),
                weight(
                        5,
                        json(fields(
                                "email", field(addresses, 254, 2800, 10000),
                                "password", field(word(8, 20), 8, 128, 1024, 100_000)))));
    }

    /**
     * Never the right current password: the fixtures' passwords hold a hyphen, which {@code word} never makes (their
     * tokens must stay valid for the whole run).
     */
    private static FuzzGen<Body> passwordChange() {
        return json(fields(
                "current_password", field(word(8, 20), 1024, 100_000),
                "password", field(word(8, 20), 8, 128, 1024)));
    }

    /** Never the right password: like {@link #passwordChange}'s, it holds no hyphen. */
    private static FuzzGen<Body> erasure() {
        return json(fields("password", field(word(8, 20), 1024, 100_000)));
    }

    /** Mostly the reader's real verification token (verifying again is an idempotent 200), else a broken one. */
    private FuzzGen<Body> verification() {
        String token = fixtures.verificationToken();
        String changed = token.substring(0, 10) + (token.charAt(10) == 'A' ? 'B' : 'A') + token.substring(11);
        return json(fields(
                "token",
                field(
                        weighted(weight(8, just(token)), weight(1, of(changed, token.substring(1), token + "A"))),
                        1024)));
    }

    /** Mostly the fixtures' own addresses (paced: at most a few e-mails each), else unknown ones. */
    private FuzzGen<Body> resetRequest() {
        return json(fields(
                "email",
                field(
                        weighted(
                                weight(
                                        2,
                                        of(
                                                fixtures.reader().email(),
                                                fixtures.creator().email())),
                                weight(3, email())),
                        254,
                        1024)));
    }

    /**
     * Never a token that works (a reset would refuse the reader's token the run uses): the reader's verification
     * token (another purpose), broken copies of it, and tokens of no token format.
     */
    private FuzzGen<Body> resetConfirmation() {
        String token = fixtures.verificationToken();
        String changed = token.substring(0, 10) + (token.charAt(10) == 'A' ? 'B' : 'A') + token.substring(11);
        return json(fields(
                "token",
                field(weighted(weight(4, just(token)), weight(1, of(changed, token.substring(1), token + "A"))), 1024),
                "password",
                field(word(8, 20), 8, 128, 1024)));
    }

    private static FuzzGen<Body> profile() {
        return json(fields(
                "username", field(username(), 3, 30).optional(),
                "bio", field(word(0, 80), 500).optional()));
    }

    private static FuzzGen<Body> newPost() {
        return json(fields(
                "title", field(word(1, 40), 200),
                "content", field(word(1, 200), 100_000)));
    }

    private static FuzzGen<Body> postUpdate() {
        return json(fields(
                "title",
                field(word(1, 40), 200).optional(),
                "content",
                field(word(1, 200), 100_000).optional(),
                "status",
                FuzzInputs.choice(List.of("published", "draft"), List.of("archived", "PUBLISHED", "Draft", ""))
                        .optional()));
    }

    private static FuzzGen<Body> publishBody() {
        return weighted(
                weight(10, just(Body.NONE)),
                weight(2, just(FuzzJson.text("{}"))),
                weight(1, just(FuzzJson.text("null"))),
                weight(2, json(fields("status", FuzzInputs.choice(List.of("published"), List.of("draft"))))),
                weight(
                        2,
                        json(fields(
                                "publish_at",
                                FuzzInputs.choice(
                                        List.of(
                                                Instant.now()
                                                        .plus(Duration.ofDays(2))
                                                        .toString(),
                                                Instant.now()
                                                        .plus(Duration.ofDays(200))
                                                        .toString()),
                                        List.of(
                                                "2000-01-01T00:00:00Z",
                                                Instant.now()
                                                        .plus(Duration.ofDays(400))
                                                        .toString(),
                                                "tomorrow",
                                                ""))))));
    }

    private static FuzzGen<Body> commentEdit() {
        return json(fields("content", field(word(1, 200), 10_000)));
    }

    private FuzzGen<Body> comment() {
        FuzzGen<String> parents = weighted(
                weight(4, of(fixtures.comment(), fixtures.reply())),
                weight(1, of(fixtures.publishedPost(), fixtures.creator().id(), fixtures.subscription())),
                weight(1, FuzzInputs.uuids().map(UUID::toString)));
        return json(fields(
                "content", field(word(1, 200), 10_000),
                "parent_comment_id", field(parents, 36).optional()));
    }
}
