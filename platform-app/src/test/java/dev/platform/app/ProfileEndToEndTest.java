package dev.platform.app;

import static dev.platform.app.Api.TIMESTAMP;
import static dev.platform.app.Api.fresh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The contract's "Users" section, profiles: who reads the e-mail, the owner's updates read back at once, and the
 * refused updates (another user, invalid fields, a taken username) changing nothing.
 */
class ProfileEndToEndTest extends EndToEndTest {

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
}
