package dev.platform.command.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platform.app.Api;
import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import dev.platform.app.EndToEndTest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Usernames against the application's PostgreSQL: the operator account comes to be even when its username is
 * taken, and a user changing their username concurrently ends up holding exactly one.
 */
class UsernameClaimsTest extends EndToEndTest {

    @Autowired
    UserAccounts accounts;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    CommandGateway commands;

    @Autowired
    Clock clock;

    @Autowired
    JdbcTemplate jdbc;

    private static String fresh() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private List<String> claims(String userId) {
        return jdbc.queryForList(
                "SELECT username_key FROM username_claim WHERE user_id = ?::uuid", String.class, userId);
    }

    @Test
    void theOperatorAccountIsCreatedUnderAFallbackNameWhenItsUsernameIsTaken() throws Exception {
        TestUser squatter = api.newUser("reader");
        String email = "ops-" + fresh() + "@platform.test";
        // What a start with this configuration does, on a database where a reader already holds the username.
        AdminAccount operator = new AdminAccount(
                new AdminProperties(email, "operator-secret-1", squatter.username()),
                accounts,
                passwords,
                commands,
                clock);

        operator.run(null);

        String token = api.login(email, "operator-secret-1");
        JsonNode jwtClaims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        String operatorId = jwtClaims.path("sub").asText();
        assertThat(jwtClaims.path("role").asText()).isEqualTo("admin");
        assertThat(claims(operatorId))
                .singleElement()
                .satisfies(name -> assertThat(name)
                        .startsWith(squatter.username().toLowerCase() + "_")
                        .hasSizeLessThanOrEqualTo(30));
        // The reader keeps their name; a second start changes nothing and does not fail either.
        assertThat(claims(squatter.id())).containsExactly(squatter.username().toLowerCase());
        operator.run(null);
        assertThat(claims(operatorId)).hasSize(1);
    }

    @Test
    void theOperatorsUsernameIsReservedForNobodyElse() {
        // The shared context's operator is called "admin".
        Response register = api.post(
                "/api/v1/users/register",
                Map.of(
                        "email", "squat-" + fresh() + "@example.com",
                        "password", "long-enough",
                        "username", "ADMIN",
                        "role", "reader"),
                null);
        Api.assertRefused(register, 409, "USERNAME_TAKEN");
    }

    @Test
    void concurrentUsernameChangesOfOneUserLeaveItWithExactlyOneName() throws Exception {
        TestUser user = api.newUser("reader");
        String s = fresh();
        List<Callable<Response>> changes = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String name = "n" + i + "_" + s;
            changes.add(() -> api.put("/api/v1/users/" + user.id(), Map.of("username", name), user.token()));
        }

        List<Response> answers = Api.runTogether(changes);

        assertThat(answers)
                .allSatisfy(r -> assertThat(r.status()).as(r.toString()).isIn(200, 409));
        String current = api.get("/api/v1/users/" + user.id(), user.token()).text("username");
        assertThat(claims(user.id())).containsExactly(current.toLowerCase());
        // Every other name is free for someone else.
        TestUser other = api.newUser("reader");
        for (int i = 0; i < 12; i++) {
            String name = "n" + i + "_" + s;
            if (!name.equals(current)) {
                Response taken = api.put("/api/v1/users/" + other.id(), Map.of("username", name), other.token());
                assertThat(taken.status()).as(name + ": " + taken).isEqualTo(200);
            }
        }
    }
}
