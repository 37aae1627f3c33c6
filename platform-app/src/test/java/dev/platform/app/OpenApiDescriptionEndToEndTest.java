package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platform.infra.docs.ApiOperation;
import dev.platform.infra.docs.ApiOperations;
import dev.platform.infra.docs.QueryParameter;
import dev.platform.infra.docs.RequestHeader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The description a client generator can use: {@code docs/openapi.json}, which the platform-app build generates the
 * tests' client from, must be what the application serves (with {@code -Dopenapi.write=true} this test writes the
 * file instead of comparing); every operation the application serves is described by the one table of {@link
 * ApiOperations}, and the description says what that table says.
 */
class OpenApiDescriptionEndToEndTest extends EndToEndTest {

    static final String REGENERATE = "./mvnw -B -pl platform-app -am verify"
            + " -Dtest='OpenApiDescriptionEndToEndTest#theServedDescriptionIsTheCheckedInOne'"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dopenapi.write=true";

    // Sorted keys, one value per line, "key": value: a change to the description is a small, readable diff.
    private static final ObjectMapper PRETTY =
            JsonMapper.builder().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();
    private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter(
                    Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    @Test
    void everyServedOperationIsInTheTable() {
        Set<String> described = new HashSet<>();
        ApiOperations.all().forEach(operation -> described.add(operation.key()));

        assertThat(servedOperations().stream().filter(key -> !described.contains(key)))
                .as("operations the application serves without an entry in ApiOperations (add one there)")
                .isEmpty();
    }

    /**
     * The other direction: an entry of the table that nothing serves is a mistake (a renamed path, a route removed).
     * On branch h5 alone this fails for GET /api/v1/posts/{post_id}/comments/{id} and GET
     * /api/v1/users/{user_id}/subscriptions/{creator_id}, the two routes branch h2 adds; it holds once both are
     * merged.
     */
    @Test
    void everyOperationOfTheTableIsServed() {
        Set<String> served = servedOperations();

        assertThat(ApiOperations.all().stream().map(ApiOperation::key).filter(key -> !served.contains(key)))
                .as("entries of ApiOperations that the application does not serve")
                .isEmpty();
    }

    @Test
    void eachOperationIsDescribedAsTheTableSays() {
        JsonNode description = api.get("/v3/api-docs", null).body();
        Set<String> ids = new HashSet<>();
        List<String> wrong = new ArrayList<>();

        description
                .path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
                    String key = ApiOperation.key(method.getKey(), path.getKey());
                    ApiOperation expected = ApiOperations.find(method.getKey(), path.getKey())
                            .orElseThrow(() -> new AssertionError("not in the table: " + key));
                    wrong.addAll(differences(key, expected, method.getValue()));
                    if (!ids.add(method.getValue().path("operationId").asText())) {
                        wrong.add(key + ": its operationId is used twice");
                    }
                }));

        assertThat(wrong).isEmpty();
        assertThat(description.path("openapi").asText()).startsWith("3.0");
        assertThat(description.at("/components/schemas").has("JsonNode"))
                .as("no schema named after Jackson's JsonNode (a generator makes a class of it)")
                .isFalse();
        List<String> tags = new ArrayList<>();
        description.path("tags").forEach(tag -> tags.add(tag.path("name").asText()));
        assertThat(tags)
                .containsExactly(
                        "Users", "Posts", "Comments", "Subscriptions", "Notifications", "Audit", "Projections");
    }

    /** What the served operation says against what its table entry says. */
    private static List<String> differences(String key, ApiOperation expected, JsonNode served) {
        List<String> wrong = new ArrayList<>();
        if (!served.path("operationId").asText().equals(expected.operationId())) {
            wrong.add(key + ": operationId " + served.path("operationId"));
        }
        if (!served.path("tags").toString().equals("[\"" + expected.tag().title() + "\"]")) {
            wrong.add(key + ": tags " + served.path("tags"));
        }
        Set<String> query = new TreeSet<>();
        Set<String> headers = new TreeSet<>();
        for (JsonNode parameter : served.path("parameters")) {
            String name = parameter.path("name").asText();
            switch (parameter.path("in").asText()) {
                case "path" -> {
                    if (!key.contains("{" + name + "}")) {
                        wrong.add(key + ": path parameter " + name + " is not in the path");
                    }
                }
                case "query" -> {
                    query.add(name);
                    if (!parameter.has("description")) {
                        wrong.add(key + ": query parameter " + name + " is not typed by the table");
                    }
                }
                case "header" -> headers.add(name);
                default -> wrong.add(key + ": parameter " + parameter);
            }
        }
        if (!query.equals(new TreeSet<>(
                expected.query().stream().map(QueryParameter::parameterName).toList()))) {
            wrong.add(key + ": query parameters " + query);
        }
        if (!headers.equals(new TreeSet<>(expected.requestHeaders().stream()
                .map(RequestHeader::headerName)
                .toList()))) {
            wrong.add(key + ": request headers " + headers);
        }
        if (served.has("requestBody")
                && !served.at("/requestBody/content/application~1json").has("example")) {
            wrong.add(key + ": the request body has no example");
        }
        served.path("responses").fields().forEachRemaining(response -> {
            String status = response.getKey();
            JsonNode answer = response.getValue();
            if (!answer.at("/headers").has("X-Request-Id")) {
                wrong.add(key + " " + status + ": no X-Request-Id");
            }
            if (status.startsWith("4") || status.startsWith("5")) {
                if (!answer.at("/content/application~1json/schema/$ref")
                        .asText()
                        .equals("#/components/schemas/ApiError")) {
                    wrong.add(key + " " + status + ": not the ApiError body");
                }
            }
            if (status.equals("201") && !answer.at("/headers").has("Location")) {
                wrong.add(key + " 201: no Location");
            }
            if (expected.query().contains(QueryParameter.LIMIT)
                    && status.equals("200")
                    && !(answer.at("/headers").has("X-Total-Count")
                            && answer.at("/headers").has("Link"))) {
                wrong.add(key + " 200: a list without X-Total-Count and Link");
            }
        });
        for (ApiOperation.Answer answer : expected.successes()) {
            if (!served.path("responses").has(Integer.toString(answer.status()))) {
                wrong.add(key + ": no " + answer.status());
            }
        }
        for (Map.Entry<Integer, String> error : expected.errors().entrySet()) {
            if (!served.path("responses").has(Integer.toString(error.getKey()))) {
                wrong.add(key + ": no " + error.getKey());
            }
        }
        return wrong;
    }

    /** {@code "METHOD path"} of every API route the application serves. */
    private Set<String> servedOperations() {
        Set<String> served = new TreeSet<>();
        handlers.getHandlerMethods()
                .keySet()
                .forEach(mapping -> mapping.getPatternValues().stream()
                        .filter(path -> path.startsWith("/api/"))
                        .forEach(path -> mapping.getMethodsCondition()
                                .getMethods()
                                .forEach(method -> served.add(ApiOperation.key(method.name(), path)))));
        return served;
    }

    @Test
    void theServedDescriptionIsTheCheckedInOne() throws IOException {
        JsonNode served = withoutServers(api.get("/v3/api-docs", null).body());
        Path file = checkedInFile();

        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(file, PRETTY.writer(PRINTER).writeValueAsString(served) + "\n", StandardCharsets.UTF_8);
            System.out.println("Wrote " + file);
            return;
        }
        assertThat(file)
                .as("the checked-in description; write it with: " + REGENERATE)
                .exists();
        JsonNode checkedIn = withoutServers(PRETTY.readTree(file.toFile()));
        List<String> differences = JsonDiff.between(checkedIn, served);
        assertThat(differences)
                .as(
                        "docs/openapi.json differs from the served /v3/api-docs (%d differences, first 40 below)."
                                + " When the change is meant, write the file again with:%n  %s%n%s",
                        differences.size(),
                        REGENERATE,
                        String.join("\n", differences.stream().limit(40).toList()))
                .isEmpty();
    }

    /** The module's directory is platform-app; the file is the repository's. */
    private static Path checkedInFile() {
        return Path.of(System.getProperty("basedir", "."))
                .toAbsolutePath()
                .resolve("../docs/openapi.json")
                .normalize();
    }

    /** The served {@code servers} entry names the test's random port. */
    private static JsonNode withoutServers(JsonNode description) {
        ObjectNode copy = description.deepCopy();
        copy.remove("servers");
        return copy;
    }
}
