package dev.platform.infra.docs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platform.api.common.ErrorCode;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MapSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * OpenAPI 3 at {@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}: each process documents the
 * endpoints it serves. Every operation needs a bearer token except the public ones, and every operation may
 * answer the contract's errors with the {@value #API_ERROR} body; operations add their own (409s) with
 * {@code @ApiResponse}.
 */
@Configuration
public class ApiDocumentation {

    static final String BEARER = "bearer";
    static final String API_ERROR = "ApiError";

    /** Reachable without a token, as in {@code SecurityConfiguration}. */
    private static final Set<String> PUBLIC_OPERATIONS =
            Set.of("POST /api/v1/users/register", "POST /api/v1/users/login");

    /** Statuses that need a request body to happen at all. */
    private static final Set<String> BODY_ERRORS = Set.of("413", "415");

    private static final Map<String, String> COMMON_ERRORS = commonErrors();

    @Bean
    OpenAPI platformApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Creator publishing platform")
                        .version("v1")
                        .description("JSON in and out, snake_case fields, ISO-8601 UTC timestamps. Every response"
                                + " carries X-Request-Id; every error has the ApiError body."))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("The access_token from POST /api/v1/users/login.")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /** Schemas are named as the API writes them: the web mapper's snake_case (a copy, so it stays untouched). */
    @Bean
    ModelResolver webNamedModels(ObjectMapper webMapper) {
        return new ModelResolver(webMapper.copy());
    }

    @Bean
    OpenApiCustomizer contractConventions() {
        return openApi -> {
            // Added here rather than in the base document: springdoc rebuilds the schemas from the endpoints.
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSchemas(API_ERROR, apiErrorSchema());
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths()
                    .forEach((path, item) -> item.readOperationsMap()
                            .forEach((method, operation) -> document(method + " " + path, operation)));
        };
    }

    private static void document(String operationKey, Operation operation) {
        if (PUBLIC_OPERATIONS.contains(operationKey)) {
            operation.setSecurity(List.of());
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        COMMON_ERRORS.forEach((status, description) -> {
            if (operation.getRequestBody() != null || !BODY_ERRORS.contains(status)) {
                responses.putIfAbsent(status, errorResponse(description));
            }
        });
        operation.setResponses(responses);
    }

    private static ApiResponse errorResponse(String description) {
        return new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType(
                                org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + API_ERROR))));
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

    private static Schema<?> apiErrorSchema() {
        List<String> codes = Arrays.stream(ErrorCode.values()).map(Enum::name).toList();
        return new ObjectSchema()
                .description("The contract's error body, the same for every error from 400 to 503.")
                .addProperty("detail", new StringSchema().description("Human-readable explanation."))
                .addProperty("code", new StringSchema()._enum(codes).description("Machine-readable error code."))
                .addProperty(
                        "field_errors",
                        new MapSchema()
                                .additionalProperties(new StringSchema())
                                .description("Field name to message; present on validation failures."))
                .addProperty("correlation_id", new StringSchema().description("The request's X-Request-Id."))
                .required(List.of("detail", "code", "correlation_id"));
    }
}
