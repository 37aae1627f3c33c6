package dev.platform.command.user;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.platform.api.common.ExpectedVersion;
import dev.platform.api.user.Role;
import dev.platform.api.user.UpdateUserProfile;
import dev.platform.api.user.UserId;
import dev.platform.command.CommandWebSlice;
import dev.platform.infra.axon.ReadYourWrites;
import dev.platform.infra.security.JwtService;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentMatcher;
import org.mockito.ArgumentMatchers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code platform.api.require-if-match=true} on a conditional write, in a web slice (the end-to-end tests share one
 * application with the default, off): a write without {@code If-Match} is 428 and sends nothing; with it, the
 * command carries the version.
 */
@WebMvcTest(controllers = ProfileController.class, properties = "platform.api.require-if-match=true")
@CommandWebSlice
@Import(PasswordHashing.class)
class RequiredIfMatchWebTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JwtService jwt;

    @Autowired
    CommandGateway commands;

    @Autowired
    ReadYourWrites projections;

    @MockitoBean
    UserAccounts accounts;

    @MockitoBean
    LoginThrottle throttle;

    @Test
    void aProfileUpdateWithoutIfMatchIs428AndSendsNoCommand() throws Exception {
        UserId me = new UserId(UUID.randomUUID());

        mvc.perform(put("/api/v1/users/" + me)
                        .header("Authorization", "Bearer " + jwt.issue(me, Role.READER))
                        .header("X-Request-Id", "needs-if-match")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"bio\":\"x\"}"))
                .andExpect(status().isPreconditionRequired())
                .andExpect(jsonPath("$.code").value("PRECONDITION_REQUIRED"))
                .andExpect(jsonPath("$.detail").isNotEmpty())
                .andExpect(jsonPath("$.correlation_id").value("needs-if-match"));
        verifyNoInteractions(commands);
    }

    @Test
    void aProfileUpdateWithIfMatchSendsItsVersionAndAnswersTheNewETag() throws Exception {
        UserId me = new UserId(UUID.randomUUID());
        when(commands.sendAndWait(any(Object.class)))
                .thenReturn(new ProfileResult(me, "me@example.com", "me_me", "x", Role.READER, Instant.now(), 4));

        mvc.perform(put("/api/v1/users/" + me)
                        .header("Authorization", "Bearer " + jwt.issue(me, Role.READER))
                        .header("If-Match", "\"3.full\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"bio\":\"x\"}"))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"4\""));
        verify(commands).sendAndWait(ArgumentMatchers.<Object>argThat(expecting(ExpectedVersion.of(3))));
    }

    private static ArgumentMatcher<Object> expecting(ExpectedVersion version) {
        return command -> command instanceof UpdateUserProfile update
                && update.expectedVersion().equals(Optional.of(version));
    }
}
