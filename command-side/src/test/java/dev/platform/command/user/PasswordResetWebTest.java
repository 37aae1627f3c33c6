package dev.platform.command.user;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.platform.api.user.ResetPassword;
import dev.platform.api.user.ResetTokenSpent;
import dev.platform.api.user.Role;
import dev.platform.api.user.UserId;
import dev.platform.command.CommandWebSlice;
import dev.platform.infra.security.AccountTokenProperties;
import dev.platform.infra.security.AccountTokenPurpose;
import dev.platform.infra.security.AccountTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The password reset endpoints' boundary: the same answer for every address, and each refusal of a token. */
@WebMvcTest(PasswordResetController.class)
@CommandWebSlice
@Import({PasswordHashing.class, AccountTokens.class})
class PasswordResetWebTest {

    private static final UserId USER = new UserId(UUID.fromString("7d1e2c3a-0000-4000-8000-0000000000aa"));

    @Autowired
    MockMvc mvc;

    @Autowired
    CommandGateway commands;

    @Autowired
    AccountTokens tokens;

    @Autowired
    Environment environment;

    @MockitoBean
    PasswordResetRequests requests;

    @MockitoBean
    UserAccounts accounts;

    @MockitoBean
    LoginThrottle throttle;

    private String confirm(String token, String password) {
        return "{\"token\":\"" + token + "\",\"password\":\"" + password + "\"}";
    }

    @Test
    void aRequestIs202WithTheSameBodyForAnyAddressAndIsHandedOver() throws Exception {
        for (String email : List.of("Known@Example.com", "known@example.com")) {
            mvc.perform(post("/api/v1/users/password-reset")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"email\":\"" + email + "\"}"))
                    .andExpect(status().isAccepted())
                    .andExpect(content().json("{\"email\":\"known@example.com\"}", true));
        }
        verify(requests, org.mockito.Mockito.times(2)).submit(eq("known@example.com"), any());
        verifyNoInteractions(accounts, commands);
    }

    @Test
    void aRequestWithoutAnEmailIs400() throws Exception {
        mvc.perform(post("/api/v1/users/password-reset")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field_errors.email").exists());
        verifyNoInteractions(requests);
    }

    @Test
    void anExpiredTokenIs400NamingTheTokenAndHashesNothing() throws Exception {
        Clock longAgo = Clock.fixed(Instant.now().minus(Duration.ofMinutes(31)), ZoneOffset.UTC);
        AccountTokens then = new AccountTokens(
                new AccountTokenProperties(
                        AccountTokenProperties.DEV_SECRET, List.of(), Duration.ofDays(7), Duration.ofMinutes(30)),
                environment,
                longAgo);
        String expired = then.sign(USER, AccountTokenPurpose.PASSWORD_RESET, 1);

        mvc.perform(post("/api/v1/users/password-reset/confirm")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(confirm(expired, "new-password-1")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.field_errors.token").value(PasswordResetController.INVALID));
        verifyNoInteractions(commands, accounts);
    }

    @Test
    void aVerificationTokenResetsNoPassword() throws Exception {
        String verification = tokens.sign(USER, AccountTokenPurpose.VERIFY_EMAIL, 1);

        mvc.perform(post("/api/v1/users/password-reset/confirm")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(confirm(verification, "new-password-1")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field_errors.token").value(PasswordResetController.INVALID));
        verifyNoInteractions(commands);
    }

    @Test
    void aWeakPasswordIs400NamingThePassword() throws Exception {
        String token = tokens.sign(USER, AccountTokenPurpose.PASSWORD_RESET, 1);

        mvc.perform(post("/api/v1/users/password-reset/confirm")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(confirm(token, "short")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field_errors.password").exists());
        verifyNoInteractions(commands);
    }

    @Test
    void aSpentTokenIs400NamingTheToken() throws Exception {
        when(accounts.findById(USER))
                .thenReturn(Optional.of(new UserAccounts.Credentials(USER, "a@example.com", "$hash", Role.READER)));
        when(commands.sendAndWait(any(ResetPassword.class))).thenThrow(new ResetTokenSpent());
        String token = tokens.sign(USER, AccountTokenPurpose.PASSWORD_RESET, 1);

        mvc.perform(post("/api/v1/users/password-reset/confirm")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(confirm(token, "new-password-1")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field_errors.token").value(ResetTokenSpent.MESSAGE));
        verifyNoInteractions(throttle);
    }

    @Test
    void aResetAnswersTheAccountAndClearsItsFailedLogins() throws Exception {
        when(accounts.findById(USER))
                .thenReturn(Optional.of(new UserAccounts.Credentials(USER, "a@example.com", "$hash", Role.READER)));
        when(commands.sendAndWait(any(ResetPassword.class))).thenReturn(new PasswordResult(USER, Role.READER, 3));
        String token = tokens.sign(USER, AccountTokenPurpose.PASSWORD_RESET, 1);

        mvc.perform(post("/api/v1/users/password-reset/confirm")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(confirm(token, "new-password-1")))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"id\":\"" + USER + "\"}", true));
        verify(throttle).succeeded("a@example.com");
    }
}
