package dev.platform.command.post;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.platform.api.user.Role;
import dev.platform.api.user.UserId;
import dev.platform.command.CommandWebSlice;
import dev.platform.infra.axon.ReadYourWrites;
import dev.platform.infra.security.JwtService;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The post endpoints' request bodies through the real MVC stack: what is judged, in which order, and the answer. */
@WebMvcTest(PostController.class)
@CommandWebSlice
class PostControllerWebTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JwtService jwt;

    @Autowired
    CommandGateway commands;

    @Autowired
    ReadYourWrites projections;

    private ResultActions send(MockHttpServletRequestBuilder request, Role role, String json) throws Exception {
        return mvc.perform(request.header("Authorization", "Bearer " + jwt.issue(new UserId(UUID.randomUUID()), role))
                .contentType(MediaType.APPLICATION_JSON)
                .content(json));
    }

    @Test
    void aCreateAnswersEveryProblemOfTheBodyAtOnceAndSendsNoCommand() throws Exception {
        send(
                        post("/api/v1/posts"),
                        Role.CREATOR,
                        "{\"title\": \"  \", \"content\": [], \"id\": 1, \"status\": \"draft\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.field_errors.length()").value(4))
                .andExpect(jsonPath("$.field_errors.title").value("must be 1 to 200 characters after trimming"))
                .andExpect(jsonPath("$.field_errors.content").value("must be a string"))
                .andExpect(jsonPath("$.field_errors.id").value("is not accepted by this endpoint"))
                .andExpect(jsonPath("$.field_errors.status").value("is not accepted by this endpoint"));
        verifyNoInteractions(commands);
    }

    @Test
    void aReaderIsRefusedBeforeTheBodyIsJudged() throws Exception {
        for (String json : new String[] {"[]", "null", "{\"title\": 5}"}) {
            send(post("/api/v1/posts"), Role.READER, json)
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.code").value("FORBIDDEN"));
        }
        verifyNoInteractions(commands);
    }

    @Test
    void anUpdateWithoutAFieldIsNamedBodyAndOneWithABadStatusNamesStatus() throws Exception {
        String path = "/api/v1/posts/" + UUID.randomUUID();

        send(put(path), Role.CREATOR, "{}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field_errors.body").value("must change at least one of title, content, status"));
        send(put(path), Role.CREATOR, "{\"status\": \"archived\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field_errors.status").value("must be \"published\" or \"draft\""));
        send(put(path), Role.CREATOR, "\"x\"")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field_errors.length()").value(1))
                .andExpect(jsonPath("$.field_errors.body").value("must be a JSON object"));
        verifyNoInteractions(commands);
    }

    @Test
    void publishRefusesEveryFieldOfABody() throws Exception {
        send(
                        post("/api/v1/posts/" + UUID.randomUUID() + "/publish"),
                        Role.CREATOR,
                        "{\"published_at\": null, \"a\": 1}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field_errors.published_at").value("is not accepted by this endpoint"))
                .andExpect(jsonPath("$.field_errors.a").value("is not accepted by this endpoint"));
        verifyNoInteractions(commands);
    }
}
