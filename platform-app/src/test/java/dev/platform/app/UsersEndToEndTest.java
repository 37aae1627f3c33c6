package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The contract's "Users" section, over HTTP against the running application and PostgreSQL. */
class UsersEndToEndTest extends EndToEndTest {

    private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    private static String fresh() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static Map<String, Object> registration(String email, String password, String username, String role) {
        Map<String, Object> body = new HashMap<>();
        body.put("email", email);
        body.put("password", password);
        body.put("username", username);
        body.put("role", role);
        return body;
    }

    private Response register(Map<String, Object> body) {
        return api.post("/api/v1/users/register", body, null);
    }

    @Test
    void registeringAnswers201WithTheNewProfileAndTheEmailLowerCased() {
        String s = fresh();
        Response r = register(registration("Mixed" + s + "@Example.COM", "long-enough", "Name_" + s, "creator"));

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.body().fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("id", "email", "username", "role", "created_at");
        assertThat(r.text("id")).matches("[0-9a-f-]{36}");
        assertThat(r.text("email")).isEqualTo("mixed" + s + "@example.com");
        assertThat(r.text("username")).isEqualTo("Name_" + s);
        assertThat(r.text("role")).isEqualTo("creator");
        assertThat(r.text("created_at")).matches(TIMESTAMP);
    }

    @Test
    void aRegisteredUserIsReadableAtOnce() {
        String s = fresh();
        Response registered = register(registration(s + "@example.com", "long-enough", "u" + s, "reader"));
        String token = api.login(s + "@example.com", "long-enough");

        Response read = api.get("/api/v1/users/" + registered.text("id"), token);

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("id", "email", "username", "bio", "role", "created_at");
        assertThat(read.text("email")).isEqualTo(s + "@example.com");
        assertThat(read.body().get("bio").isNull()).isTrue();
        assertThat(read.text("role")).isEqualTo("reader");
        assertThat(read.text("created_at")).isEqualTo(registered.text("created_at"));
    }

    @Test
    void theEmailIsUniqueIgnoringCase() {
        String s = fresh();
        assertThat(register(registration(s + "@example.com", "long-enough", "a" + s, "reader"))
                        .status())
                .isEqualTo(201);

        Response again = register(registration(s.toUpperCase() + "@EXAMPLE.com", "long-enough", "b" + s, "reader"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("EMAIL_TAKEN");
    }

    @Test
    void theUsernameIsUniqueIgnoringCase() {
        String s = fresh();
        assertThat(register(registration("a" + s + "@example.com", "long-enough", "nm" + s, "reader"))
                        .status())
                .isEqualTo(201);

        Response again =
                register(registration("b" + s + "@example.com", "long-enough", "NM" + s.toUpperCase(), "creator"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("USERNAME_TAKEN");
        // The e-mail of the refused registration was not kept: it can still be used.
        assertThat(register(registration("b" + s + "@example.com", "long-enough", "other" + s, "creator"))
                        .status())
                .isEqualTo(201);
    }

    @ParameterizedTest(name = "{0} = [{1}] is refused")
    @CsvSource(
            delimiter = '|',
            value = {
                "email|not-an-email",
                "email|two@@example.com",
                "email|spaces in@example.com",
                "email|<missing>",
                "username|ab",
                "username|has-dash",
                "username|waytoolong_waytoolong_waytoolong",
                "username|<missing>",
                "password|short7!",
                "password|<missing>",
                "role|admin",
                "role|Creator",
                "role|editor",
                "role|<missing>"
            })
    void invalidRegistrationsAreRefusedWithTheFieldAndChangeNothing(String field, String value) {
        String s = fresh();
        Map<String, Object> body = registration(s + "@example.com", "long-enough", "u" + s, "reader");
        if ("<missing>".equals(value)) {
            body.remove(field);
        } else {
            body.put(field, value);
        }

        Response r = register(body);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(r.body().path("field_errors").has(field)).as(r.toString()).isTrue();
        // Nothing was registered: the same e-mail and username are still free.
        assertThat(register(registration(s + "@example.com", "long-enough", "u" + s, "reader"))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void anEmailOver254CharactersIsRefused() {
        String local = "a".repeat(64);
        String domain = "b".repeat(60) + "." + "c".repeat(60) + "." + "d".repeat(60) + ".example.com";
        String email = local + "@" + domain;
        assertThat(email.length()).isGreaterThan(254);

        Response r = register(registration(email, "long-enough", "u" + fresh(), "reader"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("field_errors").has("email")).isTrue();
    }

    @Test
    void passwordsUpTo128CharactersCountInFullNeverTruncated() {
        String s = fresh();
        // 128 characters, 256 bytes in UTF-8: far past bcrypt's 72-byte limit.
        String password = "é".repeat(127) + "x";
        assertThat(register(registration(s + "@example.com", password, "u" + s, "reader"))
                        .status())
                .isEqualTo(201);

        Response same =
                api.post("/api/v1/users/login", Map.of("email", s + "@example.com", "password", password), null);
        Response lastCharDiffers = api.post(
                "/api/v1/users/login", Map.of("email", s + "@example.com", "password", "é".repeat(127) + "y"), null);

        assertThat(same.status()).isEqualTo(200);
        assertThat(lastCharDiffers.status()).isEqualTo(401);
        assertThat(register(registration("x" + s + "@example.com", "p".repeat(129), "x" + s, "reader"))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void unknownFieldsInARegistrationAreRefused() {
        String s = fresh();
        Map<String, Object> body = registration(s + "@example.com", "long-enough", "u" + s, "reader");
        body.put("is_admin", true);

        Response r = register(body);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(r.body().path("field_errors").has("is_admin")).isTrue();
    }

    @Test
    void loginAnswersABearerTokenWithTheContractsClaims() throws Exception {
        TestUser user = api.newUser("creator");

        Response r = api.post(
                "/api/v1/users/login", Map.of("email", user.email().toUpperCase(), "password", user.password()), null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text("token_type")).isEqualTo("bearer");
        assertThat(r.body().path("expires_in").asLong()).isEqualTo(3600);
        String[] parts = r.text("access_token").split("\\.");
        JsonNode header = Api.JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = Api.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header.path("alg").asText()).isEqualTo("HS256");
        assertThat(claims.path("sub").asText()).isEqualTo(user.id());
        assertThat(claims.path("role").asText()).isEqualTo("creator");
        assertThat(claims.path("iss").asText()).isNotBlank();
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(3600);
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() {
        TestUser user = api.newUser("reader");

        Response wrongPassword =
                api.post("/api/v1/users/login", Map.of("email", user.email(), "password", "not-the-password"), null);
        Response unknownEmail = api.post(
                "/api/v1/users/login",
                Map.of("email", "nobody" + fresh() + "@example.com", "password", "whatever1"),
                null);

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownEmail.status()).isEqualTo(401);
        assertThat(wrongPassword.code()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(unknownEmail.code()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(wrongPassword.text("detail")).isEqualTo(unknownEmail.text("detail"));
    }

    @Test
    void afterTenFailuresTheEleventhAttemptIsRefusedEvenWithTheRightPassword() {
        TestUser user = api.newUser("reader");
        for (int i = 0; i < 10; i++) {
            Response failure =
                    api.post("/api/v1/users/login", Map.of("email", user.email(), "password", "wrong-" + i), null);
            assertThat(failure.status()).isEqualTo(401);
        }

        Response eleventh =
                api.post("/api/v1/users/login", Map.of("email", user.email(), "password", user.password()), null);

        assertThat(eleventh.status()).isEqualTo(429);
        assertThat(eleventh.code()).isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(eleventh.header("Retry-After").orElseThrow())).isBetween(1L, 60L);
        // Another account is not affected.
        TestUser other = api.newUser("reader");
        assertThat(api.post("/api/v1/users/login", Map.of("email", other.email(), "password", other.password()), null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anUnknownEmailIsThrottledToo() {
        String email = "ghost" + fresh() + "@example.com";
        for (int i = 0; i < 10; i++) {
            assertThat(api.post("/api/v1/users/login", Map.of("email", email, "password", "guess-" + i), null)
                            .status())
                    .isEqualTo(401);
        }
        Response eleventh = api.post("/api/v1/users/login", Map.of("email", email, "password", "guess-x"), null);
        assertThat(eleventh.status()).isEqualTo(429);
        assertThat(eleventh.header("Retry-After")).isPresent();
    }

    @Test
    void othersSeeAProfileWithoutItsEmailTheOwnerAndTheAdminWithIt() {
        TestUser owner = api.newUser("creator");
        TestUser other = api.newUser("reader");
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);

        Response byOther = api.get("/api/v1/users/" + owner.id(), other.token());
        Response byOwner = api.get("/api/v1/users/" + owner.id(), owner.token());
        Response byAdmin = api.get("/api/v1/users/" + owner.id(), admin);

        assertThat(byOther.status()).isEqualTo(200);
        assertThat(byOther.body().has("email")).isFalse();
        assertThat(byOther.text("username")).isEqualTo(owner.username());
        assertThat(byOwner.text("email")).isEqualTo(owner.email());
        assertThat(byAdmin.text("email")).isEqualTo(owner.email());
    }

    @Test
    void theOperatorAccountExistsWithRoleAdmin() throws Exception {
        String token = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        JsonNode claims = Api.JSON.readTree(
                Base64.getUrlDecoder().decode(token.split("\\.")[1].getBytes(StandardCharsets.US_ASCII)));

        Response profile = api.get("/api/v1/users/" + claims.path("sub").asText(), token);

        assertThat(claims.path("role").asText()).isEqualTo("admin");
        assertThat(profile.text("role")).isEqualTo("admin");
    }

    @Test
    void anUnknownUserIs404AndAnInvalidId400() {
        TestUser user = api.newUser("reader");

        Response unknown = api.get("/api/v1/users/" + UUID.randomUUID(), user.token());
        Response invalid = api.get("/api/v1/users/12345", user.token());

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("USER_NOT_FOUND");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.code()).isEqualTo("INVALID_ID");
    }

    @Test
    void theOwnerUpdatesTheProfileAndReadsItBackAtOnce() {
        TestUser user = api.newUser("reader");
        String newName = "renamed_" + fresh();

        Response updated = api.put(
                "/api/v1/users/" + user.id(), Map.of("username", newName, "bio", "Hello <b>there</b>"), user.token());
        Response read = api.get("/api/v1/users/" + user.id(), user.token());

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body().fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("id", "email", "username", "bio", "role", "updated_at");
        assertThat(updated.text("username")).isEqualTo(newName);
        assertThat(updated.text("bio")).isEqualTo("Hello <b>there</b>");
        assertThat(updated.text("email")).isEqualTo(user.email());
        assertThat(updated.text("updated_at")).matches(TIMESTAMP);
        assertThat(read.text("username")).isEqualTo(newName);
        assertThat(read.text("bio")).isEqualTo("Hello <b>there</b>");
    }

    @Test
    void aBioOfNullClearsIt() {
        TestUser user = api.newUser("reader");
        api.put("/api/v1/users/" + user.id(), Map.of("bio", "something"), user.token());
        Map<String, Object> clear = new HashMap<>();
        clear.put("bio", null);

        Response updated = api.put("/api/v1/users/" + user.id(), clear, user.token());

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body().get("bio").isNull()).isTrue();
        assertThat(api.get("/api/v1/users/" + user.id(), user.token())
                        .body()
                        .get("bio")
                        .isNull())
                .isTrue();
    }

    @Test
    void onlyTheOwnerMayUpdateAProfile() {
        TestUser owner = api.newUser("reader");
        TestUser other = api.newUser("creator");

        Response r = api.put("/api/v1/users/" + owner.id(), Map.of("bio", "hijacked"), other.token());

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.code()).isEqualTo("FORBIDDEN");
        assertThat(api.get("/api/v1/users/" + owner.id(), owner.token())
                        .body()
                        .get("bio")
                        .isNull())
                .isTrue();
    }

    @Test
    void badUpdatesAreRefusedAndChangeNothing() {
        TestUser user = api.newUser("reader");
        String path = "/api/v1/users/" + user.id();

        Response empty = api.put(path, Map.of(), user.token());
        Response role = api.put(path, Map.of("role", "admin"), user.token());
        Response email = api.put(path, Map.of("email", "new@example.com", "bio", "x"), user.token());
        Response longBio = api.put(path, Map.of("bio", "b".repeat(501)), user.token());
        Response badName = api.put(path, Map.of("username", "no"), user.token());

        assertThat(List.of(empty, role, email, longBio, badName)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(r.body().path("field_errors").size()).isPositive();
        });
        assertThat(role.body().path("field_errors").has("role")).isTrue();
        assertThat(email.body().path("field_errors").has("email")).isTrue();
        assertThat(longBio.body().path("field_errors").has("bio")).isTrue();
        Response read = api.get(path, user.token());
        assertThat(read.text("role")).isEqualTo("reader");
        assertThat(read.text("email")).isEqualTo(user.email());
        assertThat(read.text("username")).isEqualTo(user.username());
        assertThat(read.body().get("bio").isNull()).isTrue();
        assertThat(api.put(path, Map.of("bio", "b".repeat(500)), user.token()).status())
                .isEqualTo(200);
    }

    @Test
    void aTakenUsernameIsRefusedOnUpdateButTheOwnCaseChangeIsFine() {
        TestUser first = api.newUser("reader");
        TestUser second = api.newUser("reader");

        Response taken = api.put(
                "/api/v1/users/" + second.id(),
                Map.of("username", first.username().toUpperCase()),
                second.token());
        Response ownCase = api.put(
                "/api/v1/users/" + first.id(),
                Map.of("username", first.username().toUpperCase()),
                first.token());

        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.code()).isEqualTo("USERNAME_TAKEN");
        assertThat(ownCase.status()).isEqualTo(200);
    }

    @Test
    void aReleasedUsernameCanBeTakenByAnother() {
        TestUser first = api.newUser("reader");
        TestUser second = api.newUser("reader");
        String old = first.username();

        assertThat(api.put("/api/v1/users/" + first.id(), Map.of("username", "moved_" + fresh()), first.token())
                        .status())
                .isEqualTo(200);

        assertThat(api.put("/api/v1/users/" + second.id(), Map.of("username", old), second.token())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void ofTwentyConcurrentRegistrationsWithOneEmailExactlyOneSucceeds() throws Exception {
        String s = fresh();
        List<Callable<Response>> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String username = "r" + i + "_" + s;
            attempts.add(() -> register(registration(s + "@example.com", "long-enough", username, "reader")));
        }

        List<Integer> statuses = runTogether(attempts);

        assertThat(statuses).filteredOn(st -> st == 201).hasSize(1);
        assertThat(statuses).filteredOn(st -> st == 409).hasSize(19);
    }

    @Test
    void ofTwentyConcurrentRegistrationsWithOneUsernameExactlyOneSucceeds() throws Exception {
        String s = fresh();
        List<Callable<Response>> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String email = "r" + i + "_" + s + "@example.com";
            attempts.add(() -> register(registration(email, "long-enough", "same_" + s, "reader")));
        }

        List<Integer> statuses = runTogether(attempts);

        assertThat(statuses).filteredOn(st -> st == 201).hasSize(1);
        assertThat(statuses).filteredOn(st -> st == 409).hasSize(19);
    }

    private static List<Integer> runTogether(List<Callable<Response>> attempts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(attempts.size());
        try {
            List<Integer> statuses = new ArrayList<>();
            for (Future<Response> future : pool.invokeAll(attempts)) {
                statuses.add(future.get().status());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
