package dev.platform.infra.web.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.platform.infra.web.body.JsonString.Null;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * Binding a body to a request record and judging it, without Spring MVC: every problem of a body at once, under
 * the JSON names, one message per field.
 */
class JsonRequestBindingTest {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .registerModule(new JsonRequestModule());
    private static final jakarta.validation.ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();

    /** Up to five characters. */
    static final class Short implements FieldRule {
        @Override
        public String problem(String value) {
            return value.length() > 5 ? "must be at most 5 characters {not a parameter}" : null;
        }
    }

    /** Anything. */
    static final class Any implements FieldRule {
        @Override
        public String problem(String value) {
            return null;
        }
    }

    @ChangesSomething(message = "must change at least one of short_title, bio, kind")
    record Sample(
            @Required @JsonString(nulls = Null.REFUSED) @SingleLine(Short.class)
            String shortTitle,

            @JsonString(nulls = Null.EMPTY, message = "must be a string or null") @MultiLine(Any.class)
            String bio,

            @JsonString(message = "must be \"a\" or \"b\"") String kind,
            @JsonIgnore BindingProblems problems)
            implements JsonRequest {}

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    private static Sample bind(String json) throws Exception {
        return MAPPER.readValue(json, Sample.class);
    }

    private static Map<String, String> judge(String json) throws Exception {
        Sample sample = bind(json);
        BindingResult result = new BeanPropertyBindingResult(sample, "sample");
        new SpringValidatorAdapter(VALIDATOR).validate(sample, result);
        return BodyErrors.of(result, MAPPER);
    }

    @Test
    void aRecordsDeserializerIsBuiltOnceAndKept() throws Exception {
        AtomicInteger built = new AtomicInteger();
        ObjectMapper mapper = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .registerModule(new JsonRequestModule())
                .registerModule(new SimpleModule().setDeserializerModifier(new BeanDeserializerModifier() {
                    @Override
                    public JsonDeserializer<?> modifyDeserializer(
                            DeserializationConfig config, BeanDescription description, JsonDeserializer<?> deser) {
                        if (description.getBeanClass() == Sample.class) {
                            built.incrementAndGet();
                        }
                        return deser;
                    }
                }));

        for (int i = 0; i < 3; i++) {
            assertThat(mapper.canDeserialize(mapper.constructType(Sample.class)))
                    .isTrue();
            assertThat(mapper.readValue("{\"short_title\": \"abc\"}", Sample.class)
                            .shortTitle())
                    .isEqualTo("abc");
        }

        assertThat(built).hasValue(1);
    }

    @Test
    void aFittingBodyBindsUnderItsSnakeCaseNamesWithoutProblems() throws Exception {
        Sample sample = bind("{\"short_title\": \"abc\", \"bio\": \"b\", \"kind\": \"a\"}");

        assertThat(sample).isEqualTo(new Sample("abc", "b", "a", BindingProblems.NONE));
        assertThat(judge("{\"short_title\": \"abc\"}")).isEmpty();
    }

    @Test
    void unknownFieldsAndWrongTypesAreCollectedInBodyOrderAndLeaveTheFieldNull() throws Exception {
        Sample sample = bind("{\"x\": 1, \"short_title\": 5, \"kind\": [], \"y\": null, \"bio\": {}}");

        assertThat(sample.shortTitle()).isNull();
        assertThat(sample.kind()).isNull();
        assertThat(sample.problems().byField())
                .containsExactly(
                        Map.entry("x", "is not accepted by this endpoint"),
                        Map.entry("short_title", "must be a string"),
                        Map.entry("kind", "must be \"a\" or \"b\""),
                        Map.entry("y", "is not accepted by this endpoint"),
                        Map.entry("bio", "must be a string or null"));
    }

    @Test
    void numbersAndBooleansAreNeverTakenAsStrings() throws Exception {
        assertThat(bind("{\"short_title\": 12}").problems().byField()).containsOnlyKeys("short_title");
        assertThat(bind("{\"short_title\": 1.5}").problems().byField()).containsOnlyKeys("short_title");
        assertThat(bind("{\"short_title\": true}").problems().byField()).containsOnlyKeys("short_title");
    }

    @Test
    void nullIsAbsentRefusedOrEmptyAsTheFieldSays() throws Exception {
        Sample sample = bind("{\"short_title\": \"t\", \"bio\": null, \"kind\": null}");

        assertThat(sample.bio()).isEmpty();
        assertThat(sample.kind()).isNull();
        assertThat(sample.problems().isEmpty()).isTrue();
        assertThat(judge("{\"short_title\": null}")).isEqualTo(Map.of("short_title", "must be a string"));
    }

    @Test
    void aBodyThatIsNoJsonObjectIsNamedBodyAlone() throws Exception {
        for (String json : new String[] {"[]", "\"x\"", "5", "[{\"short_title\": 1}]", "true"}) {
            assertThat(bind(json).problems().isNotAnObject()).as(json).isTrue();
            assertThat(judge(json)).as(json).isEqualTo(Map.of("body", "must be a JSON object"));
        }
    }

    @Test
    void aWrongTypeIsToldRatherThanIsRequiredAndBesideTheOtherFieldsProblems() throws Exception {
        assertThat(judge("{\"short_title\": 5, \"bio\": \"\\u0000\", \"z\": 0}"))
                .isEqualTo(Map.of(
                        "short_title", "must be a string",
                        "bio", "must not contain control characters other than tab, line feed and carriage return",
                        "z", "is not accepted by this endpoint"));
        assertThat(judge("{\"bio\": \"b\"}")).isEqualTo(Map.of("short_title", "is required"));
    }

    @Test
    void theCharactersAreJudgedBeforeTheFieldRuleAndAMessageIsTakenLiterally() throws Exception {
        assertThat(judge("{\"short_title\": \"\\u202Elong title\"}"))
                .isEqualTo(Map.of(
                        "short_title",
                        "must not contain bidirectional override or isolate characters"
                                + " (U+202A to U+202E, U+2066 to U+2069)"));
        assertThat(judge("{\"short_title\": \"long title\"}"))
                .isEqualTo(Map.of("short_title", "must be at most 5 characters {not a parameter}"));
    }

    @Test
    void anUpdateWithNothingToChangeIsNamedBodyOnlyWhenNothingElseIsWrong() throws Exception {
        assertThat(judgeUpdate("{}")).isEqualTo(Map.of("body", "must change at least one of name"));
        assertThat(judgeUpdate("{\"other\": 1}")).isEqualTo(Map.of("other", "is not accepted by this endpoint"));
        assertThat(judgeUpdate("{\"name\": \"\"}")).isEmpty();
    }

    @ChangesSomething(message = "must change at least one of name")
    record Update(@JsonString String name, @JsonIgnore BindingProblems problems) implements JsonRequest {}

    private static Map<String, String> judgeUpdate(String json) throws Exception {
        Update update = MAPPER.readValue(json, Update.class);
        BindingResult result = new BeanPropertyBindingResult(update, "update");
        new SpringValidatorAdapter(VALIDATOR).validate(update, result);
        return BodyErrors.of(result, MAPPER);
    }

    @Test
    void aBodyWhoseOnlyProblemIsAnUnknownFieldFailsValidation() throws Exception {
        assertThat(VALIDATOR.validate(bind("{\"short_title\": \"ok\", \"extra\": 1}")))
                .singleElement()
                .satisfies(violation -> assertThat(
                                violation.getConstraintDescriptor().getAnnotation())
                        .isInstanceOf(BoundWithoutProblems.class));
        assertThat(VALIDATOR.validate(bind("{\"short_title\": \"ok\"}"))).isEmpty();
    }

    @Test
    void aRecordWhoseFieldIsNoStringIsRefusedAtOnce() {
        record Typed(Integer count, @JsonIgnore BindingProblems problems) implements JsonRequest {}

        assertThatThrownBy(() -> new RequestRecord(Typed.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("count");
    }
}
