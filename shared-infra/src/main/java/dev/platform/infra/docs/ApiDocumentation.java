package dev.platform.infra.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platform.api.common.ErrorCode;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.MapSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * OpenAPI 3 at {@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}: each process documents the
 * endpoints it serves, described by {@link ApiOperations} (ids, tags, answers, headers, typed query parameters,
 * examples) and not by annotations on the controllers. Every operation needs a bearer token except the public
 * ones, and every operation may answer the contract's errors with the {@value #API_ERROR} body. The checked-in
 * {@code docs/openapi.json}, from which the end-to-end tests generate a client, is this description.
 */
@Configuration
public class ApiDocumentation {

    static final String BEARER = "bearer";
    static final String API_ERROR = "ApiError";

    static {
        // A free-form JSON value (event data, metadata; request bodies not yet bound to records) is an object to a
        // client, not a schema named after Jackson's JsonNode, which generators turn into a class of that name.
        SpringDocUtils.getConfig()
                .replaceWithSchema(JsonNode.class, new ObjectSchema().description("Any JSON object."));
    }

    @Bean
    OpenAPI platformApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Creator publishing platform")
                        .version("v1")
                        .description("JSON in and out, snake_case fields, ISO-8601 UTC timestamps. Every response"
                                + " carries X-Request-Id; every error has the ApiError body. The reference:"
                                + " docs/api.md in the repository."))
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
            // Added here rather than in the base document: springdoc rebuilds the components from the endpoints.
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSchemas(API_ERROR, apiErrorSchema());
            for (ResponseHeader header : ResponseHeader.values()) {
                openApi.getComponents().addHeaders(header.headerName(), header.definition());
            }
            if (openApi.getPaths() == null) {
                return;
            }
            Set<ApiTag> used = EnumSet.noneOf(ApiTag.class);
            openApi.getPaths()
                    .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                        Optional<ApiOperation> described = ApiOperations.find(method.name(), path);
                        described.ifPresentOrElse(
                                found -> {
                                    OperationDocumenter.document(found, operation);
                                    used.add(found.tag());
                                },
                                () -> OperationDocumenter.documentCommonErrors(operation));
                    }));
            // Only the tags of what this process serves, in the order of ApiTag.
            openApi.setTags(used.stream()
                    .map(tag -> new Tag().name(tag.title()).description(tag.description()))
                    .toList());
        };
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
