package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.app.Api.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI description and Swagger UI, served by the application without a token. */
class ApiDocumentationEndToEndTest extends EndToEndTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

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
        // On a developer machine without Chromium this is skipped; CI installs it and always runs it.
        assumeTrue(
                Files.isExecutable(CHROMIUM) || "true".equals(System.getenv("CI")),
                "Chromium is not installed (apt-get install -y chromium)");
        Path dom = profile.resolveSibling(profile.getFileName() + ".html");

        Process chromium = new ProcessBuilder(
                        CHROMIUM.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--user-data-dir=" + profile,
                        "--virtual-time-budget=15000",
                        "--dump-dom",
                        "http://localhost:" + port + "/swagger-ui.html")
                .redirectOutput(dom.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            assertThat(chromium.waitFor(120, TimeUnit.SECONDS))
                    .as("Chromium finished")
                    .isTrue();
        } finally {
            chromium.destroyForcibly();
        }

        String page = read(dom);
        assertThat(page).contains("Creator publishing platform");
        assertThat(page)
                .contains("data-path=\"/api/v1/users/register\"")
                .contains("data-path=\"/api/v1/users/login\"")
                .contains("data-path=\"/api/v1/users/{id}\"");
    }

    private static String read(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
