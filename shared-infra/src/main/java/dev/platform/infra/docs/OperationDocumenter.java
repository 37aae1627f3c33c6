package dev.platform.infra.docs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one {@link ApiOperation} of the table into the operation springdoc derived from its controller method:
 * springdoc knows the path parameters and the bodies' schemas, the table knows everything a client needs beyond
 * them.
 */
final class OperationDocumenter {

    static final String API_ERROR_REF = "#/components/schemas/" + ApiDocumentation.API_ERROR;
    private static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;
    private static final ObjectMapper EXAMPLES = new ObjectMapper();

    /** Statuses that need a request body to happen at all. */
    private static final Set<String> BODY_ERRORS = Set.of("413", "415");

    private static final Map<String, String> COMMON_ERRORS = commonErrors();

    private OperationDocumenter() {}

    static void document(ApiOperation described, Operation operation) {
        operation.setOperationId(described.operationId());
        operation.setTags(List.of(described.tag().title()));
        operation.setSummary(described.summary());
        if (described.publicAccess()) {
            operation.setSecurity(List.of());
        }
        operation.setParameters(parameters(described, operation.getParameters()));
        if (operation.getRequestBody() != null && described.requestExample() != null) {
            MediaType json = operation.getRequestBody().getContent().get(JSON);
            if (json != null) {
                json.setExample(example(described.requestExample()));
            }
        }
        operation.setResponses(responses(described, operation));
    }

    /** An operation the table does not know keeps springdoc's description, with the common errors. */
    static void documentCommonErrors(Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        addCommonErrors(operation, responses);
        operation.setResponses(responses);
    }

    /** Path parameters as springdoc found them, then the table's typed query parameters, then request headers. */
    private static List<Parameter> parameters(ApiOperation described, List<Parameter> derived) {
        List<Parameter> parameters = new ArrayList<>();
        if (derived != null) {
            for (Parameter parameter : derived) {
                if ("query".equals(parameter.getIn())) {
                    // Typed by the table when it knows it; else left as found, and a test asks for it.
                    parameters.add(described.query().stream()
                            .filter(query -> query.parameterName().equals(parameter.getName()))
                            .findFirst()
                            .map(QueryParameter::parameter)
                            .orElse(parameter));
                } else if (!("header".equals(parameter.getIn()) && describes(described, parameter.getName()))) {
                    parameters.add(parameter);
                }
            }
        }
        // The table's header parameters replace what springdoc derived from @RequestHeader (a name twice is an
        // invalid description: generators refuse it).
        described.requestHeaders().forEach(header -> parameters.add(header.parameter()));
        return parameters.isEmpty() ? null : parameters;
    }

    private static boolean describes(ApiOperation described, String headerName) {
        return described.requestHeaders().stream()
                .anyMatch(header -> header.headerName().equalsIgnoreCase(headerName));
    }

    private static ApiResponses responses(ApiOperation described, Operation operation) {
        ApiResponses derived = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        // springdoc's one success answer (200, or the method's @ResponseStatus) holds the body's schema.
        Content result = derived.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith("2"))
                .map(entry -> entry.getValue().getContent())
                .filter(content -> content != null)
                .findFirst()
                .orElse(null);
        ApiResponses answers = new ApiResponses();
        derived.forEach((status, response) -> {
            if (!status.startsWith("2") && !status.startsWith("3")) {
                answers.addApiResponse(status, response);
            }
        });
        for (ApiOperation.Answer answer : described.successes()) {
            ApiResponse response = new ApiResponse().description(answer.description());
            if (answer.withBody()) {
                response.setContent(result);
            }
            answer.headers().forEach(header -> response.addHeaderObject(header.headerName(), header.reference()));
            answers.addApiResponse(Integer.toString(answer.status()), response);
        }
        described
                .errors()
                .forEach((status, description) ->
                        answers.addApiResponse(Integer.toString(status), errorResponse(status + " " + description)));
        addCommonErrors(operation, answers);
        return sorted(answers);
    }

    private static void addCommonErrors(Operation operation, ApiResponses responses) {
        COMMON_ERRORS.forEach((status, description) -> {
            if (operation.getRequestBody() != null || !BODY_ERRORS.contains(status)) {
                responses.putIfAbsent(status, errorResponse(description));
            }
        });
        responses.forEach((status, response) -> {
            response.addHeaderObject(ResponseHeader.REQUEST_ID.headerName(), ResponseHeader.REQUEST_ID.reference());
            if (status.equals("401")) {
                response.addHeaderObject(
                        ResponseHeader.WWW_AUTHENTICATE.headerName(), ResponseHeader.WWW_AUTHENTICATE.reference());
            }
            if (status.equals("429") || status.equals("503")) {
                response.addHeaderObject(
                        ResponseHeader.RETRY_AFTER.headerName(), ResponseHeader.RETRY_AFTER.reference());
            }
        });
    }

    private static ApiResponses sorted(ApiResponses responses) {
        ApiResponses sorted = new ApiResponses();
        responses.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .forEach(entry -> sorted.addApiResponse(entry.getKey(), entry.getValue()));
        return sorted;
    }

    static ApiResponse errorResponse(String description) {
        return new ApiResponse()
                .description(description)
                .content(new Content().addMediaType(JSON, new MediaType().schema(new Schema<>().$ref(API_ERROR_REF))));
    }

    private static Object example(String json) {
        try {
            return EXAMPLES.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The example is no JSON: " + json, e);
        }
    }

    private static Map<String, String> commonErrors() {
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put("400", "VALIDATION_FAILED (with field_errors), MALFORMED_JSON or INVALID_ID");
        errors.put("401", "UNAUTHENTICATED: no, bad or expired token (WWW-Authenticate: Bearer); INVALID_CREDENTIALS");
        errors.put("403", "FORBIDDEN: authenticated but not allowed");
        errors.put("404", "NOT_FOUND or a specific *_NOT_FOUND");
        errors.put("405", "METHOD_NOT_ALLOWED");
        errors.put("413", "PAYLOAD_TOO_LARGE: the body is over 1 MiB");
        errors.put("415", "UNSUPPORTED_MEDIA_TYPE: the body is not application/json");
        errors.put("429", "RATE_LIMITED, with Retry-After in seconds");
        errors.put("500", "INTERNAL_ERROR: a bug, logged with the correlation id");
        errors.put(
                "503",
                "SERVICE_UNAVAILABLE: the database is unreachable, or (register, login) too many password checks"
                        + " at once, then with Retry-After in seconds");
        return errors;
    }
}
