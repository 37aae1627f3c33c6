package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.app.Api.Response;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI description and Swagger UI, served by the application without a token. */
class ApiDocumentationEndToEndTest extends EndToEndTest {

    @Test
    void theApiDocsDescribeBearerAuthAndTheContractsErrorBody() {
        Response docs = api.get("/v3/api-docs", null);

        assertThat(docs.status()).isEqualTo(200);
        JsonNode body = docs.body();
        JsonNode bearer = body.at("/components/securitySchemes/bearer");
        assertThat(bearer.path("type").asText()).isEqualTo("http");
        assertThat(bearer.path("scheme").asText()).isEqualTo("bearer");
        assertThat(body.at("/security/0").has("bearer")).isTrue();
        assertThat(body.at("/components/schemas/ApiError/properties").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("detail", "code", "field_errors", "correlation_id");
        assertThat(body.at("/components/schemas/AccessToken/properties").has("access_token"))
                .as("schemas use the API's snake_case names")
                .isTrue();

        JsonNode register = body.at("/paths/~1api~1v1~1users~1register/post");
        JsonNode read = body.at("/paths/~1api~1v1~1users~1{id}/get");
        assertThat(register.path("security").isArray()
                        && register.path("security").isEmpty())
                .as("register needs no token")
                .isTrue();
        assertThat(read.has("security"))
                .as("reads inherit the bearer requirement")
                .isFalse();
        for (String status : List.of("400", "401", "403", "404", "405", "413", "415", "429", "500", "503")) {
            assertThat(register.at("/responses/" + status + "/content/application~1json/schema/$ref")
                            .asText())
                    .as("register's %s", status)
                    .isEqualTo("#/components/schemas/ApiError");
        }
        assertThat(read.at("/responses/503/content/application~1json/schema/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/ApiError");
        assertThat(read.path("responses").has("415")).as("no body, no 415").isFalse();
    }

    @Test
    void swaggerUiRendersTheOperationsInAHeadlessBrowser(@TempDir Path profile) throws Exception {
        HeadlessChromium.assumeInstalled();

        String page = HeadlessChromium.dom("http://localhost:" + port + "/swagger-ui.html", profile);

        assertThat(page).contains("Creator publishing platform");
        assertThat(page)
                .contains("data-path=\"/api/v1/users/register\"")
                .contains("data-path=\"/api/v1/users/login\"")
                .contains("data-path=\"/api/v1/users/{id}\"");
    }
}
