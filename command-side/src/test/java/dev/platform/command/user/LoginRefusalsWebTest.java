package dev.platform.command.user;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.platform.command.CommandWebSlice;
import dev.platform.infra.axon.ReadYourWrites;
import dev.platform.infra.security.TokenCutoffTable;
import dev.platform.infra.web.Overloaded;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Register and login under load, through the real MVC stack and error mapping: the per-address limit (enabled
 * here with a budget of 2 per minute) and a full hashing bulkhead both answer with the error body and
 * {@code Retry-After}.
 */
@WebMvcTest(
        controllers = {RegistrationController.class, LoginController.class},
        properties = {"platform.client-limit.enabled=true", "platform.client-limit.requests-per-minute=2"})
@CommandWebSlice
class LoginRefusalsWebTest {

    @Autowired
    MockMvc mvc;

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

    @MockitoBean
    PasswordEncoder passwords;

    @BeforeEach
    void noAccounts() {
        when(accounts.findByEmail(any())).thenReturn(Optional.empty());
        when(throttle.reserve(any())).thenReturn(new LoginThrottle.Attempt(7));
    }

    private static MockHttpServletRequestBuilder login(String from) {
        return post("/api/v1/users/login")
                .with(request -> {
                    request.setRemoteAddr(from);
                    return request;
                })
                .header("X-Request-Id", "load-1")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\":\"a@example.com\",\"password\":\"whatever1\"}");
    }

    @Test
    void overItsBudgetAnAddressGets429WithRetryAfterAndOtherAddressesGoOn() throws Exception {
        mvc.perform(login("203.0.113.1")).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/users/register")
                        .with(request -> {
                            request.setRemoteAddr("203.0.113.1");
                            return request;
                        })
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isBadRequest());

        mvc.perform(login("203.0.113.1"))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "30"))
                .andExpect(jsonPath("$.code").value("RATE_LIMITED"))
                .andExpect(jsonPath("$.correlation_id").value("load-1"));
        mvc.perform(login("203.0.113.2")).andExpect(status().isUnauthorized());
    }

    @Test
    void aFullHashingBulkheadIs503WithRetryAfterAndTheAttemptDoesNotCount() throws Exception {
        when(passwords.matches(any(), any())).thenThrow(new Overloaded("Too many password checks.", 5));

        mvc.perform(login("203.0.113.9"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(jsonPath("$.code").value("SERVICE_UNAVAILABLE"))
                .andExpect(jsonPath("$.correlation_id").value("load-1"));
        verify(throttle).release(new LoginThrottle.Attempt(7));
        verify(throttle, never()).succeeded(any());
    }
}
