package dev.platform.infra.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platform.infra.docs.ApiOperation.Answer;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The rules the table of operations keeps so that a generated client gets a consistent API. */
class ApiOperationsTest {

    private static List<String> keysOf(Predicate<ApiOperation> wrong) {
        return ApiOperations.all().stream().filter(wrong).map(ApiOperation::key).toList();
    }

    private static boolean answers(ApiOperation operation, int status, ResponseHeader header) {
        return operation.successes().stream()
                .filter(answer -> answer.status() == status)
                .map(Answer::headers)
                .allMatch(headers -> headers.contains(header));
    }

    @Test
    void operationIdsAreUniqueAndCamelCase() {
        List<String> ids =
                ApiOperations.all().stream().map(ApiOperation::operationId).toList();

        assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches("[a-z][A-Za-z]+"));
    }

    @Test
    void everyTagHasOperations() {
        EnumSet<ApiTag> used = EnumSet.noneOf(ApiTag.class);
        ApiOperations.all().forEach(operation -> used.add(operation.tag()));

        assertThat(used).containsExactlyInAnyOrder(ApiTag.values());
    }

    @Test
    void everyOperationHasASuccessAndNoneAnErrorAsSuccess() {
        assertThat(keysOf(operation -> operation.successes().isEmpty())).isEmpty();
        assertThat(keysOf(operation -> operation.successes().stream().anyMatch(answer -> answer.status() >= 400)))
                .isEmpty();
        assertThat(keysOf(operation -> operation.errors().keySet().stream().anyMatch(status -> status < 400)))
                .isEmpty();
    }

    @Test
    void createdAnswersCarryLocationAndListsTheirPagingHeaders() {
        assertThat(keysOf(operation -> !answers(operation, 201, ResponseHeader.LOCATION)))
                .isEmpty();
        assertThat(keysOf(operation -> operation.query().contains(QueryParameter.LIMIT)
                        && !(answers(operation, 200, ResponseHeader.TOTAL_COUNT)
                                && answers(operation, 200, ResponseHeader.LINK)
                                && operation.query().contains(QueryParameter.OFFSET))))
                .isEmpty();
    }

    @Test
    void conditionalAndIdempotentOperationsListTheirStatuses() {
        assertThat(keysOf(operation -> operation.requestHeaders().contains(RequestHeader.IF_MATCH)
                        && !(operation.errors().containsKey(412)
                                && operation.errors().containsKey(428))))
                .isEmpty();
        assertThat(keysOf(operation -> operation.requestHeaders().contains(RequestHeader.IF_NONE_MATCH)
                        && operation.successes().stream().noneMatch(answer -> answer.status() == 304)))
                .isEmpty();
        assertThat(keysOf(operation -> operation.requestHeaders().contains(RequestHeader.IDEMPOTENCY_KEY)
                        && !operation.errors().containsKey(422)))
                .isEmpty();
    }

    @Test
    void examplesAreJsonObjects() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (ApiOperation operation : ApiOperations.all()) {
            if (operation.requestExample() != null) {
                assertThat(json.readTree(operation.requestExample()).isObject())
                        .as(operation.key())
                        .isTrue();
            }
        }
    }

    @Test
    void looksUpByMethodAndPath() {
        assertThat(ApiOperations.find("post", "/api/v1/posts"))
                .map(ApiOperation::operationId)
                .contains("createPost");
        assertThat(ApiOperations.find("GET", "/api/v1/nothing")).isEmpty();
    }
}
