package dev.platform.app;

import static dev.platform.app.Api.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The answers to the tricky request bodies, pinned whole (every key and message of {@code field_errors}): several
 * unknown fields beside an invalid one, a wrong JSON type, {@code null} versus an absent field, a body that is no
 * JSON object, and the caller checks that come before the body is judged. Numbers and booleans are never taken as
 * strings.
 */
class RequestBodiesEndToEndTest extends EndToEndTest {

    private static final String NOT_ACCEPTED = "is not accepted by this endpoint";
    private static final String NOT_AN_OBJECT = "must be a JSON object";

    private Response send(String method, String path, String json, TestUser caller) {
        return api.request(method, path)
                .token(caller == null ? null : caller.token())
                .raw("application/json", json)
                .send();
    }

    private static void assertFieldErrors(Response r, Map<String, String> expected) {
        assertRefused(r, 400, "VALIDATION_FAILED");
        Map<String, String> actual = new LinkedHashMap<>();
        r.body()
                .path("field_errors")
                .fields()
                .forEachRemaining(e -> actual.put(e.getKey(), e.getValue().asText()));
        assertThat(actual).as(r.toString()).isEqualTo(expected);
    }

    private static Map<String, String> errors(String... fieldsAndMessages) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndMessages.length; i += 2) {
            errors.put(fieldsAndMessages[i], fieldsAndMessages[i + 1]);
        }
        return errors;
    }

    // ---------------------------------------------------------------- POST /posts

    @Test
    void aCreateNamesEveryUnknownFieldBesideAWrongTypeAndATooShortContent() {
        TestUser creator = api.newUser("creator");

        Response r = send(
                "POST",
                "/api/v1/posts",
                "{\"title\": 5, \"content\": \"\", \"status\": \"draft\", \"x\": true}",
                creator);

        assertFieldErrors(
                r,
                errors(
                        "title",
                        "must be a string",
                        "content",
                        "must be 1 to 100000 characters",
                        "status",
                        NOT_ACCEPTED,
                        "x",
                        NOT_ACCEPTED));
    }

    @Test
    void aCreateTellsANullTitleFromAMissingOne() {
        TestUser creator = api.newUser("creator");

        Response wrongType = send("POST", "/api/v1/posts", "{\"title\": 5}", creator);
        Response nullTitle = send("POST", "/api/v1/posts", "{\"title\": null, \"content\": \"x\"}", creator);
        Response booleanContent = send("POST", "/api/v1/posts", "{\"title\": \"t\", \"content\": false}", creator);

        assertFieldErrors(wrongType, errors("title", "must be a string", "content", "is required"));
        assertFieldErrors(nullTitle, errors("title", "must be a string"));
        assertFieldErrors(booleanContent, errors("content", "must be a string"));
    }

    @Test
    void aBodyThatIsNoJsonObjectIsNamedBodyAndAReaderIsRefusedBeforeTheBodyIsJudged() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");

        for (String body : new String[] {"[]", "\"x\"", "5", "null", "[{\"title\": \"t\"}]"}) {
            assertFieldErrors(send("POST", "/api/v1/posts", body, creator), errors("body", NOT_AN_OBJECT));
            assertRefused(send("POST", "/api/v1/posts", body, reader), 403, "FORBIDDEN");
        }
        assertRefused(send("POST", "/api/v1/posts", "{\"title\": 5, \"x\": 1}", reader), 403, "FORBIDDEN");
        assertRefused(send("POST", "/api/v1/posts", "{\"title\": ", reader), 400, "MALFORMED_JSON");
    }

    // ---------------------------------------------------------------- PUT /posts/{id} and publish

    @Test
    void anUpdateTellsAnAbsentStatusFromANullOne() {
        TestUser creator = api.newUser("creator");
        String postId = api.newPost(creator, "Before", "content");

        Response nullStatus = send("PUT", "/api/v1/posts/" + postId, "{\"title\": \"t\", \"status\": null}", creator);
        Response numberStatus = send("PUT", "/api/v1/posts/" + postId, "{\"status\": 1}", creator);
        Response nullTitle = send("PUT", "/api/v1/posts/" + postId, "{\"title\": null, \"y\": 1}", creator);
        Response absentStatus = send("PUT", "/api/v1/posts/" + postId, "{\"title\": \"After\"}", creator);

        assertFieldErrors(nullStatus, errors("status", "must be \"published\" or \"draft\""));
        assertFieldErrors(numberStatus, errors("status", "must be \"published\" or \"draft\""));
        assertFieldErrors(nullTitle, errors("title", "must be a string", "y", NOT_ACCEPTED));
        assertThat(absentStatus.status()).as(absentStatus.toString()).isEqualTo(200);
        assertThat(absentStatus.text("title")).isEqualTo("After");
        assertThat(absentStatus.text("status")).isEqualTo("draft");
    }

    @Test
    void anEmptyUpdateIsNamedBodyOnlyWhenNothingElseIsWrong() {
        TestUser creator = api.newUser("creator");
        String postId = api.newPost(creator, "Before", "content");

        Response empty = send("PUT", "/api/v1/posts/" + postId, "{}", creator);
        Response onlyUnknown = send("PUT", "/api/v1/posts/" + postId, "{\"creator_id\": null}", creator);
        Response notAnObject = send("PUT", "/api/v1/posts/" + postId, "[]", creator);

        assertFieldErrors(empty, errors("body", "must change at least one of title, content, status"));
        assertFieldErrors(onlyUnknown, errors("creator_id", NOT_ACCEPTED));
        assertFieldErrors(notAnObject, errors("body", NOT_AN_OBJECT));
    }

    @Test
    void publishTakesNoBodyNullOrAnEmptyObjectAndNamesEveryField() {
        TestUser creator = api.newUser("creator");
        String first = api.newPost(creator, "One", "x");
        String second = api.newPost(creator, "Two", "x");

        Response fields = send("POST", "/api/v1/posts/" + first + "/publish", "{\"a\": 1, \"b\": null}", creator);
        Response array = send("POST", "/api/v1/posts/" + first + "/publish", "[]", creator);
        Response nullBody = send("POST", "/api/v1/posts/" + first + "/publish", "null", creator);
        Response empty = send("POST", "/api/v1/posts/" + second + "/publish", "{}", creator);

        assertFieldErrors(fields, errors("a", NOT_ACCEPTED, "b", NOT_ACCEPTED));
        assertFieldErrors(array, errors("body", NOT_AN_OBJECT));
        assertThat(nullBody.status()).as(nullBody.toString()).isEqualTo(200);
        assertThat(empty.status()).as(empty.toString()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- comments

    @Test
    void aCommentTakesANullParentAsTopLevelAndANullContentAsMissing() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPost(creator, "Open", "x");
        api.publish(postId, creator);
        String path = "/api/v1/posts/" + postId + "/comments";

        Response topLevel = send("POST", path, "{\"content\": \"hi\", \"parent_comment_id\": null}", reader);
        Response nullContent =
                send("POST", path, "{\"content\": null, \"parent_comment_id\": 7, \"id\": \"x\"}", reader);
        Response numberContent = send("POST", path, "{\"content\": 5}", reader);

        assertThat(topLevel.status()).as(topLevel.toString()).isEqualTo(201);
        assertThat(topLevel.body().path("parent_comment_id").isNull()).isTrue();
        assertFieldErrors(
                nullContent,
                errors(
                        "content", "is required",
                        "parent_comment_id", "must be the id (a UUID) of a comment on this post",
                        "id", NOT_ACCEPTED));
        assertFieldErrors(numberContent, errors("content", "must be a string"));
    }

    // ---------------------------------------------------------------- users

    @Test
    void aNullBioClearsItWhileAnAbsentBioLeavesIt() {
        TestUser user = api.newUser("reader");
        String path = "/api/v1/users/" + user.id();
        assertThat(send("PUT", path, "{\"bio\": \"kept\"}", user).status()).isEqualTo(200);

        Response renamed = send("PUT", path, "{\"username\": \"n" + suffix() + "\"}", user);
        Response cleared = send("PUT", path, "{\"bio\": null}", user);

        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.text("bio")).isEqualTo("kept");
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        JsonNode bio = api.get(path, user.token()).body().path("bio");
        assertThat(bio.isNull() || bio.asText().isEmpty()).as(bio.toString()).isTrue();
    }

    @Test
    void aProfileUpdateNamesWrongTypesAndEveryUnknownFieldAndAStrangerIsRefusedFirst() {
        TestUser user = api.newUser("reader");
        TestUser stranger = api.newUser("reader");
        String path = "/api/v1/users/" + user.id();

        Response wrong =
                send("PUT", path, "{\"username\": true, \"bio\": 5, \"role\": \"admin\", \"email\": null}", user);
        Response nullName = send("PUT", path, "{\"username\": null}", user);
        Response empty = send("PUT", path, "{}", user);
        Response byStranger = send("PUT", path, "{\"username\": 1, \"role\": \"admin\"}", stranger);

        assertFieldErrors(
                wrong,
                errors(
                        "username",
                        "must be a string",
                        "bio",
                        "must be a string or null",
                        "role",
                        NOT_ACCEPTED,
                        "email",
                        NOT_ACCEPTED));
        assertFieldErrors(nullName, errors("username", "must be a string"));
        assertFieldErrors(empty, errors("body", "must change at least one of username, bio"));
        assertRefused(byStranger, 403, "FORBIDDEN");
    }

    /**
     * Changed with the typed requests: Jackson took {@code 5} as {@code "5"}, so this registration was answered
     * with only {@code email} and {@code role} (the password 12345678 and the username "true" passed).
     */
    @Test
    void registerAndLoginTakeNoNumberOrBooleanAsAString() {
        String s = suffix();

        Response register = send(
                "POST",
                "/api/v1/users/register",
                "{\"email\": 5, \"password\": 12345678, \"username\": true, \"role\": 1}",
                null);
        Response login = send(
                "POST",
                "/api/v1/users/login",
                "{\"email\": \"a" + s + "@example.com\", \"password\": 123456789}",
                null);

        assertFieldErrors(
                register,
                errors(
                        "email", "must be a string",
                        "password", "must be a string",
                        "username", "must be a string",
                        "role", "must be \"creator\" or \"reader\""));
        assertFieldErrors(login, errors("password", "must be a string"));
    }

    /**
     * Changed with the typed requests: Jackson stopped at the first unknown field, so this registration was
     * answered with {@code is_admin} alone, and {@code []} with {@code MALFORMED_JSON}.
     */
    @Test
    void aRegistrationNamesEveryUnknownFieldBesideTheInvalidOnes() {
        String s = suffix();

        Response r = send(
                "POST",
                "/api/v1/users/register",
                "{\"email\": \"r" + s + "@example.com\", \"password\": \"long-enough\", \"username\": \"x\","
                        + " \"role\": \"admin\", \"is_admin\": true, \"id\": null}",
                null);
        Response nulls = send("POST", "/api/v1/users/register", "{\"email\": null, \"password\": null}", null);
        Response notAnObject = send("POST", "/api/v1/users/login", "[]", null);

        assertFieldErrors(
                r,
                errors(
                        "username",
                        "must be 3 to 30 letters, digits or underscores",
                        "role",
                        "must be \"creator\" or \"reader\"",
                        "is_admin",
                        NOT_ACCEPTED,
                        "id",
                        NOT_ACCEPTED));
        assertFieldErrors(
                nulls,
                errors(
                        "email", "is required",
                        "password", "is required",
                        "username", "is required",
                        "role", "must be \"creator\" or \"reader\""));
        assertFieldErrors(notAnObject, errors("body", NOT_AN_OBJECT));
    }

    // ---------------------------------------------------------------- replay

    @Test
    void aReplayTakesANullPostIdAsEveryPostAndNamesABadOne() {
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        TestUser reader = api.newUser("reader");
        String path = "/api/v1/admin/notifications/replay";

        Response number = api.request("POST", path)
                .token(admin)
                .json("{\"post_id\": 5, \"x\": 1}")
                .send();
        Response notCanonical = api.request("POST", path)
                .token(admin)
                .json("{\"post_id\": \"1-1-1-1-1\"}")
                .send();
        Response array = api.request("POST", path).token(admin).json("[]").send();
        Response nullPost = api.request("POST", path)
                .token(admin)
                .json("{\"post_id\": null}")
                .send();
        Response byReader = send("POST", path, "{\"post_id\": 5}", reader);

        assertFieldErrors(number, errors("post_id", "must be a UUID", "x", NOT_ACCEPTED));
        assertFieldErrors(notCanonical, errors("post_id", "must be a UUID"));
        assertFieldErrors(array, errors("body", NOT_AN_OBJECT));
        assertThat(nullPost.status()).as(nullPost.toString()).isEqualTo(202);
        assertRefused(byReader, 403, "FORBIDDEN");
    }

    // ---------------------------------------------------------------- what a generated client sees

    @Test
    void theApiDocsDescribeEachRequestRecordByItsFieldsOnly() {
        JsonNode schemas =
                api.get("/v3/api-docs", null).body().path("components").path("schemas");

        assertThat(schemas.path("CreatePostRequest").path("properties").fieldNames())
                .toIterable()
                .containsExactly("title", "content");
        assertThat(schemas.path("AddCommentRequest").path("properties").fieldNames())
                .toIterable()
                .containsExactly("content", "parent_comment_id");
        assertThat(schemas.path("UpdateUserRequest").path("properties").fieldNames())
                .toIterable()
                .containsExactly("username", "bio");
        assertThat(schemas.path("RegisterUserRequest").path("properties").fieldNames())
                .toIterable()
                .containsExactly("email", "password", "username", "role");
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
