package dev.platform.command.user;

import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platform.api.user.Role;
import dev.platform.api.user.UserId;
import dev.platform.command.CommandWebSlice;
import dev.platform.infra.axon.ReadYourWrites;
import dev.platform.infra.security.JwtService;
import dev.platform.infra.security.TokenCutoffTable;
import dev.platform.infra.web.RateLimited;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The user endpoints' boundary: validation, authorization and error bodies, with no service behind them. */
@WebMvcTest({RegistrationController.class, LoginController.class, ProfileController.class})
@CommandWebSlice
@Import(PasswordHashing.class)
class UserControllerWebTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    MockMvc mvc;

    @Autowired
    JwtService jwt;

    @MockitoBean
    TokenCutoffTable tokenCutoffs;

    @Autowired
    CommandGateway commands;

    @Autowired
    ReadYourWrites projections;

    @MockitoBean
    UserAccounts accounts;

    @MockitoBean
    LoginThrottle throttle;

    @Test
    void anInvalidRegistrationIs400WithEveryFieldAndSendsNoCommand() throws Exception {
        mvc.perform(post("/api/v1/users/register")
                        .header("X-Request-Id", "slice-1")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"nope\",\"password\":\"short\",\"username\":\"x\",\"role\":\"admin\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.field_errors.email").exists())
                .andExpect(jsonPath("$.field_errors.password").exists())
                .andExpect(jsonPath("$.field_errors.username").exists())
                .andExpect(jsonPath("$.field_errors.role").exists())
                .andExpect(jsonPath("$.correlation_id").value("slice-1"))
                .andExpect(header().string("X-Request-Id", "slice-1"));
        verifyNoInteractions(commands);
    }

    @Test
    void aThrottledLoginIs429WithRetryAfterAndChecksNoPassword() throws Exception {
        when(throttle.reserve(any())).thenThrow(new RateLimited("Too many failed logins.", 30));

        mvc.perform(post("/api/v1/users/login")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"a@example.com\",\"password\":\"whatever1\"}"))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "30"))
                .andExpect(jsonPath("$.code").value("RATE_LIMITED"));
        verifyNoInteractions(accounts);
    }

    @Test
    void updatingSomeoneElsesProfileIs403AndSendsNoCommand() throws Exception {
        String token = jwt.issue(new UserId(UUID.randomUUID()), Role.READER);

        mvc.perform(put("/api/v1/users/" + UUID.randomUUID())
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"bio\":\"x\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
        verifyNoInteractions(commands);
    }

    @Test
    void anEmptyUpdateIs400() throws Exception {
        UserId me = new UserId(UUID.randomUUID());

        mvc.perform(put("/api/v1/users/" + me)
                        .header("Authorization", "Bearer " + jwt.issue(me, Role.READER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.field_errors").isNotEmpty());
        verifyNoInteractions(commands);
    }

    @Test
    void anUpdateWithoutATokenIs401WithWwwAuthenticate() throws Exception {
        mvc.perform(put("/api/v1/users/" + UUID.randomUUID())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"bio\":\"x\"}"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", startsWith("Bearer")))
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
        verifyNoInteractions(commands);
    }

    @Test
    void anInvalidPathIdIs400InvalidId() throws Exception {
        UserId me = new UserId(UUID.randomUUID());

        mvc.perform(put("/api/v1/users/not-a-uuid")
                        .header("Authorization", "Bearer " + jwt.issue(me, Role.READER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"bio\":\"x\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_ID"));
    }

    @Test
    void aLoginEmailLongerThan254CharactersIs400BeforeAnyDatabaseAccess() throws Exception {
        String email = "a".repeat(255 - "@example.com".length()) + "@example.com";

        mvc.perform(post("/api/v1/users/login")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(Map.of("email", email, "password", "whatever1"))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.field_errors.email").value("must be at most 254 characters"));
        verifyNoInteractions(throttle, accounts);
    }

    @Test
    void aLoginPasswordLongerThan1024CharactersIs400AndIsNotHashed() throws Exception {
        mvc.perform(post("/api/v1/users/login")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(
                                Map.of("email", "a@example.com", "password", "p".repeat(1025)))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field_errors.password").value("must be at most 1024 characters"));
        verifyNoInteractions(throttle, accounts);
    }

    @Test
    void aLoginAtTheLengthLimitsIsCheckedAsUsual() throws Exception {
        String email = "a".repeat(254 - "@example.com".length()) + "@example.com";

        mvc.perform(post("/api/v1/users/login")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(Map.of("email", email, "password", "p".repeat(1024)))))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("INVALID_CREDENTIALS"));
    }

    @Test
    void aControlCharacterInALoginEmailOrPasswordIs400BeforeAnyDatabaseAccess() throws Exception {
        mvc.perform(post("/api/v1/users/login")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"a\\u0000@example.com\",\"password\":\"what\\u0007ever\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field_errors.email").value("must not contain control characters"))
                .andExpect(jsonPath("$.field_errors.password").value("must not contain control characters"));
        verifyNoInteractions(throttle, accounts);
    }

    @Test
    void aRegistrationWithForbiddenCharactersNamesEachFieldAndSendsNoCommand() throws Exception {
        mvc.perform(post("/api/v1/users/register")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"a@example.com\\u0000\",\"password\":\"password\\ud800\","
                                + "\"username\":\"adm\\u202Ein\",\"role\":\"reader\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.field_errors.email").value("must not contain control characters"))
                .andExpect(jsonPath("$.field_errors.password")
                        .value("must be valid Unicode text (it has an unpaired surrogate)"))
                .andExpect(jsonPath("$.field_errors.username").value(startsWith("must not contain bidirectional")));
        verifyNoInteractions(commands);
    }

    @Test
    void aBioWithAControlCharacterOtherThanTabOrLineBreakIs400() throws Exception {
        UserId me = new UserId(UUID.randomUUID());

        mvc.perform(put("/api/v1/users/" + me)
                        .header("Authorization", "Bearer " + jwt.issue(me, Role.READER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"bio\":\"line one\\r\\n\\tline two\\u001b[31m\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field_errors.bio")
                        .value("must not contain control characters other than tab, line feed and carriage return"));
        verifyNoInteractions(commands);
    }
}
