package dev.platform.infra.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.platform.api.common.DomainException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TextRulesTest {

    /** One of the three kinds of field. */
    private interface Kind {
        Optional<String> check(String value);
    }

    private static final Kind SINGLE_LINE = value -> TextRules.problem(value, TextRules.Kind.SINGLE_LINE);
    private static final Kind MULTI_LINE = value -> TextRules.problem(value, TextRules.Kind.MULTI_LINE);
    private static final Kind SECRET = value -> TextRules.problem(value, TextRules.Kind.SECRET);
    private static final List<Kind> ALL = List.of(SINGLE_LINE, MULTI_LINE, SECRET);

    /** The message for the value, or empty when the value is clean. */
    private static Optional<String> problem(Kind kind, String value) {
        return kind.check(value);
    }

    private static String around(char c) {
        return "a" + c + "b";
    }

    @Test
    void nulIsRefusedInEveryKindOfField() {
        for (Kind kind : ALL) {
            assertThat(problem(kind, "a\u0000")).isPresent();
            assertThat(problem(kind, "\u0000")).isPresent();
        }
        assertThat(problem(SINGLE_LINE, "\u0000")).contains(TextRules.CONTROL);
        assertThat(problem(MULTI_LINE, "\u0000")).contains(TextRules.CONTROL_MULTI_LINE);
    }

    @Test
    void everyC0AndC1ControlIsRefusedInSingleLineAndSecretFields() {
        for (char c = 0; c <= 0x9F; c++) {
            boolean control = c <= 0x1F || c >= 0x7F;
            for (Kind kind : List.of(SINGLE_LINE, SECRET)) {
                assertThat(problem(kind, around(c)))
                        .as("U+%04X", (int) c)
                        .isEqualTo(control ? Optional.of(TextRules.CONTROL) : Optional.empty());
            }
        }
    }

    @Test
    void multiLineFieldsAllowTabLineFeedAndCarriageReturnOnly() {
        for (char c = 0; c <= 0x9F; c++) {
            boolean control = c <= 0x1F || c >= 0x7F;
            boolean lineFormatting = c == '\t' || c == '\n' || c == '\r';
            assertThat(problem(MULTI_LINE, around(c)))
                    .as("U+%04X", (int) c)
                    .isEqualTo(
                            control && !lineFormatting ? Optional.of(TextRules.CONTROL_MULTI_LINE) : Optional.empty());
        }
        assertThat(problem(MULTI_LINE, "line one\r\n\tline two\n")).isEmpty();
        assertThat(problem(SINGLE_LINE, "line one\nline two")).contains(TextRules.CONTROL);
        assertThat(problem(SINGLE_LINE, "tab\there")).contains(TextRules.CONTROL);
    }

    @Test
    void theCharactersNextToTheControlRangesAreAllowed() {
        for (char c : new char[] {' ', '~', '\u00A0', '\u00FF'}) {
            for (Kind kind : ALL) {
                assertThat(problem(kind, around(c))).as("U+%04X", (int) c).isEmpty();
            }
        }
    }

    @Test
    void bidirectionalOverridesAndIsolatesAreRefusedInSingleLineFieldsOnly() {
        String overridesAndIsolates = "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069";
        for (char c : overridesAndIsolates.toCharArray()) {
            assertThat(problem(SINGLE_LINE, around(c))).as("U+%04X", (int) c).contains(TextRules.BIDI);
            assertThat(problem(MULTI_LINE, around(c))).as("U+%04X", (int) c).isEmpty();
            assertThat(problem(SECRET, around(c))).as("U+%04X", (int) c).isEmpty();
        }
    }

    @Test
    void theCharactersNextToTheBidiRangesAndTheBidiMarksAreAllowed() {
        // U+2029 and U+202F border the overrides, U+2065 and U+206A the isolates; U+200E/U+200F are the marks.
        for (char c : new char[] {'\u2029', '\u202F', '\u2065', '\u206A', '\u200E', '\u200F'}) {
            for (Kind kind : ALL) {
                assertThat(problem(kind, around(c))).as("U+%04X", (int) c).isEmpty();
            }
        }
        assertThat(problem(SINGLE_LINE, "\u05E9\u05DC\u05D5\u05DD")).isEmpty();
    }

    @Test
    void unpairedSurrogatesAreRefusedInEveryKindOfField() {
        List<String> unpaired = List.of(
                "a\uD83D", // a high surrogate at the end
                "\uD83Da", // a high surrogate before a non-surrogate
                "a\uDE00b", // a lone low surrogate
                "\uDE00\uD83D", // a pair in the wrong order
                "\uD83D\uD83D\uDE00"); // a high surrogate before a valid pair
        for (Kind kind : ALL) {
            for (String value : unpaired) {
                assertThat(problem(kind, value)).as(value).contains(TextRules.UNPAIRED_SURROGATE);
            }
        }
    }

    @Test
    void charactersOutsideTheBasicMultilingualPlaneAreAllowed() {
        for (Kind kind : ALL) {
            assertThat(problem(kind, "smile \uD83D\uDE00 and \uD834\uDD1E")).isEmpty();
        }
    }

    @Test
    void anAbsentValueIsCleanAndOnlyTheFirstProblemIsNoted() {
        for (Kind kind : ALL) {
            assertThat(problem(kind, null)).isEmpty();
            assertThat(problem(kind, "")).isEmpty();
        }
        assertThat(problem(SINGLE_LINE, "\u202E\u0000")).contains(TextRules.BIDI);
        assertThat(problem(SINGLE_LINE, "\u0000\u202E")).contains(TextRules.CONTROL);
    }

    @Test
    void aFieldAlreadyRefusedKeepsItsFirstMessage() {
        FieldErrors errors = new FieldErrors().add("f", "is required");

        errors.add("f", problem(SINGLE_LINE, "\u0000").orElseThrow());

        DomainException refused = catchThrowableOfType(DomainException.class, errors::throwIfAny);
        assertThat(refused.fieldErrors()).containsExactlyEntriesOf(Map.of("f", "is required"));
    }
}
