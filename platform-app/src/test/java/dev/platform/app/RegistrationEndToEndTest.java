package dev.platform.app;

import static dev.platform.app.Api.TIMESTAMP;
import static dev.platform.app.Api.fresh;
import static dev.platform.app.Api.registration;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.app.Api.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The contract's "Users" section, registering: the new profile answered and readable at once, e-mail and username
 * unique ignoring case (also under concurrent registrations), and every invalid registration refused on its field.
 */
class RegistrationEndToEndTest extends EndToEndTest {

    @Test
    void registeringAnswers201WithTheNewProfileAndTheEmailLowerCased() {
        String s = fresh();
        Response r = api.register(registration("Mixed" + s + "@Example.COM", "long-enough", "Name_" + s, "creator"));

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
        Response registered = api.register(registration(s + "@example.com", "long-enough", "u" + s, "reader"));
        String token = api.login(s + "@example.com", "long-enough");

        Response read = api.get("/api/v1/users/" + registered.text("id"), token);

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("id", "email", "username", "bio", "role", "created_at", "email_verified");
        assertThat(read.text("email")).isEqualTo(s + "@example.com");
        assertThat(read.body().get("bio").isNull()).isTrue();
        assertThat(read.text("role")).isEqualTo("reader");
        assertThat(read.text("created_at")).isEqualTo(registered.text("created_at"));
    }

    @Test
    void theEmailIsUniqueIgnoringCase() {
        String s = fresh();
        assertThat(api.register(registration(s + "@example.com", "long-enough", "a" + s, "reader"))
                        .status())
                .isEqualTo(201);

        Response again = api.register(registration(s.toUpperCase() + "@EXAMPLE.com", "long-enough", "b" + s, "reader"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("EMAIL_TAKEN");
    }

    @Test
    void theUsernameIsUniqueIgnoringCase() {
        String s = fresh();
        assertThat(api.register(registration("a" + s + "@example.com", "long-enough", "nm" + s, "reader"))
                        .status())
                .isEqualTo(201);

        Response again =
                api.register(registration("b" + s + "@example.com", "long-enough", "NM" + s.toUpperCase(), "creator"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("USERNAME_TAKEN");
        // The e-mail of the refused registration was not kept: it can still be used.
        assertThat(api.register(registration("b" + s + "@example.com", "long-enough", "other" + s, "creator"))
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

        Response r = api.register(body);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(r.body().path("field_errors").has(field)).as(r.toString()).isTrue();
        // Nothing was registered: the same e-mail and username are still free.
        assertThat(api.register(registration(s + "@example.com", "long-enough", "u" + s, "reader"))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void anEmailOver254CharactersIsRefused() {
        String local = "a".repeat(64);
        String domain = "b".repeat(60) + "." + "c".repeat(60) + "." + "d".repeat(60) + ".example.com";
        String email = local + "@" + domain;
        assertThat(email.length()).isGreaterThan(254);

        Response r = api.register(registration(email, "long-enough", "u" + fresh(), "reader"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("field_errors").has("email")).isTrue();
    }

    @Test
    void passwordsUpTo128CharactersCountInFullNeverTruncated() {
        String s = fresh();
        // 128 characters, 256 bytes in UTF-8: far past bcrypt's 72-byte limit.
        String password = "é".repeat(127) + "x";
        assertThat(api.register(registration(s + "@example.com", password, "u" + s, "reader"))
                        .status())
                .isEqualTo(201);

        Response same =
                api.post("/api/v1/users/login", Map.of("email", s + "@example.com", "password", password), null);
        Response lastCharDiffers = api.post(
                "/api/v1/users/login", Map.of("email", s + "@example.com", "password", "é".repeat(127) + "y"), null);

        assertThat(same.status()).isEqualTo(200);
        assertThat(lastCharDiffers.status()).isEqualTo(401);
        assertThat(api.register(registration("x" + s + "@example.com", "p".repeat(129), "x" + s, "reader"))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void unknownFieldsInARegistrationAreRefused() {
        String s = fresh();
        Map<String, Object> body = registration(s + "@example.com", "long-enough", "u" + s, "reader");
        body.put("is_admin", true);

        Response r = api.register(body);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(r.body().path("field_errors").has("is_admin")).isTrue();
    }

    @Test
    void ofTwentyConcurrentRegistrationsWithOneEmailExactlyOneSucceeds() throws Exception {
        String s = fresh();
        List<Callable<Response>> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String username = "r" + i + "_" + s;
            attempts.add(() -> api.register(registration(s + "@example.com", "long-enough", username, "reader")));
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
            attempts.add(() -> api.register(registration(email, "long-enough", "same_" + s, "reader")));
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
