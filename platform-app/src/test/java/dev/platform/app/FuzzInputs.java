package dev.platform.app;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * jqwik generators of hostile input for the fuzz suite: text that breaks storage and rendering (NUL, unpaired
 * surrogates, C0/C1 controls, bidirectional overrides), numbers outside every range, instants outside every
 * calendar, malformed ids, and JSON of the wrong shape, type or depth. Each generator also yields valid values
 * often enough that a request passes validation and reaches the handler behind it.
 */
final class FuzzInputs {

    /** A field left out of a JSON object. */
    static final Object ABSENT = new Object() {
        @Override
        public String toString() {
            return "<absent>";
        }
    };

    private static final String BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c";
    private static final String INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\ufffe\uffff\u00a0\u2028\u2029\u3000\u0085";
    private static final List<String> INJECTIONS = List.of(
            "' OR '1'='1",
            "'; DROP TABLE post_view; --",
            "\\",
            "\"",
            "${jndi:ldap://127.0.0.1/x}",
            "%s%n%x",
            "../../../../etc/passwd",
            "<script>alert(1)</script>",
            "{{7*7}}",
            "\r\nX-Injected: 1",
            "\\u0000",
            "%00",
            "null",
            "true");

    private FuzzInputs() {}

    /** A weighted choice for {@link Arbitraries#frequencyOf(List)}. */
    static <T> Tuple2<Integer, Arbitrary<T>> weight(int weight, Arbitrary<? extends T> arbitrary) {
        Arbitrary<T> widened = arbitrary.map(value -> value);
        return Tuple.of(weight, widened);
    }

    @SafeVarargs
    static <T> Arbitrary<T> oneOfWeighted(Tuple2<Integer, Arbitrary<T>>... choices) {
        return Arbitraries.frequencyOf(List.of(choices));
    }

    /** Text made of short runs of harmless and hostile characters, up to a few dozen characters long. */
    static Arbitrary<String> hostileText() {
        Arbitrary<String> run = oneOfWeighted(
                weight(5, Arbitraries.strings().alpha().numeric().withChars(' ').ofMaxLength(12)),
                weight(2, Arbitraries.strings().ascii().ofMaxLength(8)),
                weight(2, Arbitraries.just("\u0000")),
                weight(2, controls()),
                weight(2, Arbitraries.chars().range('\ud800', '\udfff').map(String::valueOf)),
                weight(2, Arbitraries.of(chars(BIDI))),
                weight(1, Arbitraries.of(chars(INVISIBLE))),
                weight(1, Arbitraries.integers().between(0x10000, 0x10ffff).map(Character::toString)),
                weight(
                        1,
                        Arbitraries.strings()
                                .withCharRange('\u0300', '\u036f')
                                .ofMinLength(1)
                                .ofMaxLength(5)),
                weight(1, Arbitraries.strings().all().ofMaxLength(6)),
                weight(1, Arbitraries.of(INJECTIONS)));
        return run.list().ofMaxSize(6).map(runs -> String.join("", runs));
    }

    /** One character that the input rule of issue 12 refuses somewhere. */
    static Arbitrary<String> hostileCharacter() {
        return oneOfWeighted(
                weight(3, Arbitraries.just("\u0000")),
                weight(2, controls().filter(s -> !s.isEmpty()).map(s -> s.substring(0, 1))),
                weight(2, Arbitraries.chars().range('\ud800', '\udfff').map(String::valueOf)),
                weight(2, Arbitraries.of(chars(BIDI))),
                weight(1, Arbitraries.of(chars(INVISIBLE))));
    }

    private static Arbitrary<String> controls() {
        return Arbitraries.strings()
                .withCharRange('\u0000', '\u001f')
                .withChars('\u007f')
                .withCharRange('\u0080', '\u009f')
                .ofMinLength(1)
                .ofMaxLength(3);
    }

    private static List<String> chars(String characters) {
        return characters.chars().mapToObj(c -> String.valueOf((char) c)).toList();
    }

    /** {@code valid} with one hostile character put at a random place: it passes the other rules of the field. */
    static Arbitrary<String> withHostileCharacter(Arbitrary<String> valid) {
        return Combinators.combine(
                        valid, hostileCharacter(), Arbitraries.doubles().between(0, 1))
                .as((text, hostile, where) -> {
                    int at = (int) Math.round(where * text.length());
                    return text.substring(0, at) + hostile + text.substring(at);
                });
    }

    /**
     * Strings whose length in UTF-16 units is at or just around each limit: random letters and digits (which
     * PostgreSQL cannot compress below an index's row limit, unlike a repeated character), or a repeated two-byte,
     * four-byte (a surrogate pair) or refused character, since "length" differs between those.
     */
    static Arbitrary<String> aroundLimits(int... limits) {
        List<Integer> lengths = new ArrayList<>();
        for (int limit : limits) {
            lengths.add(limit - 1);
            lengths.add(limit);
            lengths.add(limit + 1);
        }
        Arbitrary<Integer> length = Arbitraries.of(lengths).filter(n -> n >= 0);
        Arbitrary<String> random =
                Combinators.combine(length, Arbitraries.longs()).as(FuzzInputs::letters);
        Arbitrary<String> repeated = Combinators.combine(length, Arbitraries.of("é", "😀", " ", "\u202e", "\u0000"))
                .as((n, unit) -> unit.repeat(n / unit.length()));
        return oneOfWeighted(weight(2, random), weight(3, repeated));
    }

    private static String letters(int length, long seed) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /** A value of any JSON type but string, nested a few levels; huge and odd numbers included. */
    static Arbitrary<Object> wrongType() {
        Arbitrary<Object> scalar = oneOfWeighted(
                weight(2, Arbitraries.integers()),
                weight(1, Arbitraries.longs()),
                weight(1, Arbitraries.bigIntegers().between(BigInteger.TEN.pow(19), BigInteger.TEN.pow(80))),
                weight(1, Arbitraries.doubles()),
                weight(1, Arbitraries.of(true, false)),
                weight(
                        2,
                        Arbitraries.of(
                                FuzzJson.raw("null"),
                                FuzzJson.raw("-0"),
                                FuzzJson.raw("1e400"),
                                FuzzJson.raw("-1e-400"),
                                FuzzJson.raw("1" + "0".repeat(1200)),
                                FuzzJson.raw("0." + "1".repeat(1200)))));
        return Arbitraries.recursive(
                () -> scalar,
                inner -> oneOfWeighted(
                        weight(2, scalar),
                        weight(1, inner.list().ofMaxSize(3).map(list -> (Object) list)),
                        weight(
                                1,
                                Arbitraries.maps(hostileText(), inner)
                                        .ofMaxSize(3)
                                        .map(map -> (Object) map))),
                0,
                3);
    }

    /** The values of one JSON field: valid ones, and hostile ones. */
    record Field(Arbitrary<Object> valid, Arbitrary<Object> hostile) {

        /** The same field in an update, where leaving it out is valid too. */
        Field optional() {
            return new Field(oneOfWeighted(weight(1, Arbitraries.just(ABSENT)), weight(1, valid)), hostile);
        }
    }

    /**
     * A text field: its hostile values are hostile text, a valid value with one hostile character, a length
     * around each limit, another JSON type, or the field left out.
     */
    static Field field(Arbitrary<String> valid, int... limits) {
        Arbitrary<Object> hostile = oneOfWeighted(
                weight(4, hostileText()),
                weight(4, withHostileCharacter(valid)),
                weight(2, aroundLimits(limits)),
                weight(2, wrongType()),
                weight(1, Arbitraries.just(ABSENT)));
        return new Field(valid.map(value -> value), hostile);
    }

    /** A field of an enumeration: these valid values; hostile ones are these invalid values or hostile text. */
    static Field choice(List<String> valid, List<String> invalid) {
        Arbitrary<String> values = Arbitraries.of(valid);
        Arbitrary<Object> hostile = oneOfWeighted(
                weight(2, Arbitraries.of(invalid)), weight(1, field(values, 1).hostile()));
        return new Field(values.map(value -> value), hostile);
    }

    /**
     * Values for these fields, in their order: all valid, or one hostile and the others valid (so the hostile
     * value is what the handler meets, not a rejection of another field), or each either.
     */
    static Arbitrary<List<Object>> pick(List<Field> fields) {
        Arbitrary<List<Object>> allValid =
                sequence(fields.size(), i -> fields.get(i).valid());
        Arbitrary<List<Object>> oneHostile = Arbitraries.integers()
                .between(0, fields.size() - 1)
                .flatMap(hostile -> sequence(
                        fields.size(),
                        i -> i == hostile
                                ? fields.get(i).hostile()
                                : fields.get(i).valid()));
        Arbitrary<List<Object>> eachEither = sequence(
                fields.size(),
                i -> Arbitraries.oneOf(fields.get(i).valid(), fields.get(i).hostile()));
        return oneOfWeighted(weight(3, allValid), weight(5, oneHostile), weight(1, eachEither));
    }

    private static Arbitrary<List<Object>> sequence(int size, IntFunction<Arbitrary<Object>> values) {
        Arbitrary<List<Object>> list = Arbitraries.just(List.of());
        for (int i = 0; i < size; i++) {
            list = Combinators.combine(list, values.apply(i)).as((previous, value) -> {
                List<Object> next = new ArrayList<>(previous);
                next.add(value);
                return next;
            });
        }
        return list;
    }

    /**
     * A JSON object of these fields as {@link #pick} chooses them (absent ones left out), sometimes with one
     * more field that nobody accepts.
     */
    static Arbitrary<Map<String, Object>> object(Map<String, Field> fields) {
        List<String> names = List.copyOf(fields.keySet());
        Arbitrary<Map<String, Object>> known = pick(List.copyOf(fields.values()))
                .map(values -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    for (int i = 0; i < names.size(); i++) {
                        if (values.get(i) != ABSENT) {
                            map.put(names.get(i), values.get(i));
                        }
                    }
                    return map;
                });
        Arbitrary<String> extraName = oneOfWeighted(
                weight(2, Arbitraries.of("role", "status", "creator_id", "id", "email", "user_id", "__proto__", "")),
                weight(1, hostileText()));
        Arbitrary<Object> extraValue = oneOfWeighted(weight(1, hostileText()), weight(1, wrongType()));
        Arbitrary<Map<String, Object>> extra =
                Combinators.combine(extraName, extraValue).as((name, value) -> Map.of(name, value));
        Arbitrary<Map<String, Object>> none = Arbitraries.just(Map.of());
        return Combinators.combine(known, oneOfWeighted(weight(12, none), weight(1, extra)))
                .as((map, more) -> {
                    Map<String, Object> all = new LinkedHashMap<>(map);
                    more.forEach(all::putIfAbsent);
                    return all;
                });
    }

    /** Request bodies that are no JSON object of the right kind: wrong top level, broken, deep, huge, mis-encoded. */
    static Arbitrary<FuzzJson.Body> malformedBody() {
        return oneOfWeighted(
                weight(
                        3,
                        Arbitraries.of(
                                        "",
                                        " ",
                                        "null",
                                        "[]",
                                        "[{}]",
                                        "0",
                                        "-1",
                                        "\"text\"",
                                        "true",
                                        "{",
                                        "}",
                                        "{\"title\":",
                                        "{\"a\":1",
                                        "{'title':'single quotes'}",
                                        "{\"title\":\"a\",}",
                                        "{\"title\":\"a\"} {\"title\":\"b\"}",
                                        "{\"title\":\"a\"}garbage",
                                        "{\"title\":\"a\",\"title\":\"b\",\"content\":\"c\"}",
                                        "{/* comment */\"title\":\"a\",\"content\":\"b\"}",
                                        "{\"content\":NaN}",
                                        "{\"content\":Infinity}",
                                        "{\"content\":\"\\ud800\"}",
                                        "{\"content\":\"\\u0000\"}",
                                        "{\"content\":\"a\\x41\"}",
                                        "{\"content\":\"\\uZZZZ\"}",
                                        "{\"content\":\"unterminated}",
                                        "\ufeff{\"title\":\"a\",\"content\":\"bom\"}",
                                        "{\"\\u0000\":1}")
                                .map(FuzzJson::text)),
                weight(
                        1,
                        Arbitraries.of(100, 999, 1001, 5000, 50000)
                                .map(depth -> FuzzJson.text("[".repeat(depth) + "]".repeat(depth)))),
                weight(
                        1,
                        Arbitraries.of(100, 999, 1001, 5000)
                                .map(depth -> FuzzJson.text("{\"content\":" + "{\"a\":".repeat(depth) + "1"
                                        + "}".repeat(depth) + ",\"title\":\"deep\"}"))),
                weight(
                        1,
                        Arbitraries.of(
                                        new byte[] {
                                            '{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xc3, '(', '"', '}'
                                        },
                                        new byte[] {
                                            '{',
                                            '"',
                                            'c',
                                            '"',
                                            ':',
                                            '"',
                                            (byte) 0xed,
                                            (byte) 0xa0,
                                            (byte) 0x80,
                                            '"',
                                            '}'
                                        },
                                        new byte[] {'{', '"', 'c', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'},
                                        new byte[] {'{', '"', 'c', '"', ':', '"', (byte) 0xc0, (byte) 0x80, '"', '}'},
                                        new byte[] {
                                            '{',
                                            '"',
                                            'c',
                                            '"',
                                            ':',
                                            '"',
                                            (byte) 0xf4,
                                            (byte) 0x90,
                                            (byte) 0x80,
                                            (byte) 0x80,
                                            '"',
                                            '}'
                                        },
                                        new byte[] {(byte) 0xff, (byte) 0xfe, '{', 0, '}', 0})
                                .map(bytes -> new FuzzJson.Body(bytes))),
                weight(
                        1,
                        Arbitraries.of(1024 * 1024 + 1, 2 * 1024 * 1024)
                                .map(size -> FuzzJson.text("{\"content\":\"" + "x".repeat(size) + "\"}"))));
    }

    /** Hostile values for a number parameter ({@code limit}, {@code offset}, {@code after}): edges, overflows, no numbers. */
    static Arbitrary<String> hostileNumber() {
        return oneOfWeighted(
                weight(2, Arbitraries.integers().between(-3, 3).map(String::valueOf)),
                weight(
                        3,
                        Arbitraries.of(
                                "0",
                                "1",
                                "20",
                                "99",
                                "100",
                                "101",
                                "-1",
                                "2147483647",
                                "2147483648",
                                "-2147483648",
                                "-2147483649",
                                "9223372036854775807",
                                "9223372036854775808",
                                "-9223372036854775808",
                                "99999999999999999999999999999999")),
                weight(1, Arbitraries.longs().map(String::valueOf)),
                weight(
                        2,
                        Arbitraries.of(
                                "",
                                " ",
                                " 5",
                                "5 ",
                                "+5",
                                "-0",
                                "00005",
                                "1.0",
                                "1e2",
                                "0x10",
                                "NaN",
                                "Infinity",
                                "\u0663",
                                "\uff11\uff10",
                                "5\u0000",
                                "1_000",
                                "1,2",
                                "٣٣٣٣٣٣٣٣٣٣٣")),
                weight(1, hostileText()));
    }

    /** A valid {@code ?as_of=}: an instant within a year of the run, in the contract's format. */
    static Arbitrary<String> validInstant() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        return Arbitraries.longs()
                .between(-400 * 86_400_000L, 400 * 86_400_000L)
                .map(offset -> now.plusMillis(offset).toString());
    }

    /** A hostile {@code ?as_of=}: instants at and beyond every calendar's edge, and no instant at all. */
    static Arbitrary<String> hostileInstant() {
        return oneOfWeighted(
                weight(
                        3,
                        Arbitraries.of(
                                "+999999999-12-31T23:59:59.999999999Z",
                                "-999999999-01-01T00:00:00Z",
                                "+10000-01-01T00:00:00Z",
                                "+294277-01-01T00:00:00Z",
                                "0000-01-01T00:00:00Z",
                                "-0001-01-01T00:00:00Z",
                                "-4714-11-24T00:00:00Z",
                                "0001-01-01T00:00:00Z",
                                "9999-12-31T23:59:59.999999999Z",
                                "1970-01-01T00:00:00Z",
                                "2026-02-30T00:00:00Z",
                                "2026-11-25T23:59:60Z",
                                "2026-11-25T18:51:51.123+18:00",
                                "2026-11-25T18:51:51.123-18:00",
                                "2026-11-25T18:51:51.123+19:00",
                                "2026-11-25T18:51:51.1234567891Z",
                                "2026-11-25t18:51:51z",
                                "2026-11-25",
                                "2026-11-25T18:51:51",
                                "1764096711123",
                                "now",
                                "")),
                weight(
                        2,
                        Arbitraries.integers()
                                .between(-999_999_999, 999_999_999)
                                .map(year -> LocalDateTime.of(year, 1, 1, 0, 0)
                                        .atOffset(ZoneOffset.UTC)
                                        .toString())),
                weight(1, hostileText()));
    }

    /** Path segments that are no usable id (already percent-encoded where they must be). */
    static Arbitrary<String> malformedId() {
        return oneOfWeighted(
                weight(
                        3,
                        Arbitraries.of(
                                "0",
                                "-1",
                                "null",
                                "undefined",
                                "1-1-1-1-1",
                                "00000000-0000-0000-0000-000000000000",
                                "ffffffff-ffff-ffff-ffff-ffffffffffff",
                                "99999999999999999999",
                                "%00",
                                "%ff",
                                "%C0%AE",
                                "%20",
                                "+",
                                ".",
                                "..",
                                "%2e%2e",
                                "%2F",
                                "a;b=c",
                                "%5C",
                                "%25",
                                "~",
                                "%E2%80%AE")),
                weight(
                        1,
                        Arbitraries.strings()
                                .withCharRange('0', '9')
                                .withCharRange('a', 'f')
                                .ofLength(32)),
                weight(
                        1,
                        Combinators.combine(Arbitraries.longs(), Arbitraries.longs())
                                .as((high, low) -> "%7B" + new UUID(high, low) + "%7D")),
                weight(2, hostileText().filter(text -> !text.isEmpty()).map(FuzzJson::percentEncode)));
    }
}
