package dev.platform.app;

import static dev.platform.app.FuzzGen.character;
import static dev.platform.app.FuzzGen.from;
import static dev.platform.app.FuzzGen.integers;
import static dev.platform.app.FuzzGen.just;
import static dev.platform.app.FuzzGen.longs;
import static dev.platform.app.FuzzGen.of;
import static dev.platform.app.FuzzGen.range;
import static dev.platform.app.FuzzGen.strings;
import static dev.platform.app.FuzzGen.weight;
import static dev.platform.app.FuzzGen.weighted;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Generators of hostile input for the fuzz suite: text that breaks storage and rendering (NUL, unpaired
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

    static final String LETTERS = range('a', 'z') + range('A', 'Z');
    static final String DIGITS = range('0', '9');
    private static final String ASCII = range('\u0000', '\u007f');
    private static final String ANY_CHAR = range('\u0000', '\uffff');
    private static final String SURROGATES = range('\ud800', '\udfff');
    private static final String COMBINING = range('\u0300', '\u036f');
    private static final String CONTROLS = range('\u0000', '\u001f') + '\u007f' + range('\u0080', '\u009f');
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

    /** Text made of short runs of harmless and hostile characters, up to a few dozen characters long. */
    static FuzzGen<String> hostileText() {
        FuzzGen<String> run = weighted(
                weight(5, strings(LETTERS + DIGITS + ' ', 0, 12)),
                weight(2, strings(ASCII, 0, 8)),
                weight(2, just("\u0000")),
                weight(2, strings(CONTROLS, 1, 3)),
                weight(2, character(SURROGATES)),
                weight(2, character(BIDI)),
                weight(1, character(INVISIBLE)),
                weight(1, integers(0x10000, 0x10ffff).map(Character::toString)),
                weight(1, strings(COMBINING, 1, 5)),
                weight(1, strings(ANY_CHAR, 0, 6)),
                weight(1, from(INJECTIONS)));
        return run.list(0, 6).map(runs -> String.join("", runs));
    }

    /** One character that the input rule of issue 12 refuses somewhere. */
    static FuzzGen<String> hostileCharacter() {
        return weighted(
                weight(3, just("\u0000")),
                weight(2, character(CONTROLS)),
                weight(2, character(SURROGATES)),
                weight(2, character(BIDI)),
                weight(1, character(INVISIBLE)));
    }

    /** {@code valid} with one hostile character put at a random place: it passes the other rules of the field. */
    static FuzzGen<String> withHostileCharacter(FuzzGen<String> valid) {
        FuzzGen<String> hostileCharacter = hostileCharacter();
        return random -> {
            String text = valid.next(random);
            String hostile = hostileCharacter.next(random);
            int at = random.nextInt(text.length() + 1);
            return text.substring(0, at) + hostile + text.substring(at);
        };
    }

    /**
     * Strings whose length in UTF-16 units is at or just around each limit: random letters and digits (which
     * PostgreSQL cannot compress below an index's row limit, unlike a repeated character), or a repeated two-byte,
     * four-byte (a surrogate pair) or refused character, since "length" differs between those.
     */
    static FuzzGen<String> aroundLimits(int... limits) {
        List<Integer> lengths = new ArrayList<>();
        for (int limit : limits) {
            lengths.add(limit - 1);
            lengths.add(limit);
            lengths.add(limit + 1);
        }
        FuzzGen<Integer> length = from(lengths).filter(n -> n >= 0);
        FuzzGen<String> letters = length.flatMap(n -> strings(LETTERS + DIGITS, n, n));
        FuzzGen<String> units = of("é", "😀", " ", "\u202e", "\u0000");
        FuzzGen<String> repeated = random -> {
            int n = length.next(random);
            String unit = units.next(random);
            return unit.repeat(n / unit.length());
        };
        return weighted(weight(2, letters), weight(3, repeated));
    }

    /** A value of any JSON type but string, nested a few levels; huge and odd numbers included. */
    static FuzzGen<Object> wrongType() {
        FuzzGen<Object> scalar = weighted(
                weight(2, integers(Integer.MIN_VALUE, Integer.MAX_VALUE)),
                weight(1, longs(Long.MIN_VALUE, Long.MAX_VALUE)),
                weight(1, bigIntegers()),
                weight(1, doubles()),
                weight(1, of(true, false)),
                weight(
                        2,
                        of(
                                FuzzJson.raw("null"),
                                FuzzJson.raw("-0"),
                                FuzzJson.raw("1e400"),
                                FuzzJson.raw("-1e-400"),
                                FuzzJson.raw("1" + "0".repeat(1200)),
                                FuzzJson.raw("0." + "1".repeat(1200)))));
        return integers(0, 3).flatMap(depth -> nested(scalar, depth));
    }

    /** Scalars, or lists and objects of values nested up to {@code depth} levels. */
    private static FuzzGen<Object> nested(FuzzGen<Object> scalar, int depth) {
        if (depth == 0) {
            return scalar;
        }
        FuzzGen<Object> inner = nested(scalar, depth - 1);
        FuzzGen<String> names = hostileText();
        FuzzGen<Object> object = random -> {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int size = random.nextInt(4); size > 0; size--) {
                map.put(names.next(random), inner.next(random));
            }
            return map;
        };
        return weighted(weight(2, scalar), weight(1, inner.list(0, 3).map(list -> (Object) list)), weight(1, object));
    }

    /** Integers from 10^19 to 10^80: beyond a long, as the digits or at either bound. */
    private static FuzzGen<BigInteger> bigIntegers() {
        FuzzGen<String> digits = strings(DIGITS, 19, 79);
        return weighted(
                weight(1, of(BigInteger.TEN.pow(19), BigInteger.TEN.pow(80))),
                weight(4, random -> new BigInteger((1 + random.nextInt(9)) + digits.next(random))));
    }

    /** Doubles: edges, ordinary values with two decimals, and any finite double (huge, tiny, subnormal). */
    private static FuzzGen<Double> doubles() {
        return weighted(
                weight(1, of(0.0, -0.0, 1.0, -1.0, 0.1, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE)),
                weight(3, random -> Math.round(random.nextDouble(-1e6, 1e6) * 100) / 100.0),
                weight(2, random -> {
                    double value = Double.longBitsToDouble(random.nextLong());
                    return Double.isFinite(value) ? value : 0.5;
                }));
    }

    /** The values of one JSON field: valid ones, and hostile ones. */
    record Field(FuzzGen<Object> valid, FuzzGen<Object> hostile) {

        /** The same field in an update, where leaving it out is valid too. */
        Field optional() {
            return new Field(weighted(weight(1, just(ABSENT)), weight(1, valid)), hostile);
        }
    }

    /**
     * A text field: its hostile values are hostile text, a valid value with one hostile character, a length
     * around each limit, another JSON type, or the field left out.
     */
    static Field field(FuzzGen<String> valid, int... limits) {
        FuzzGen<Object> hostile = weighted(
                weight(4, hostileText()),
                weight(4, withHostileCharacter(valid)),
                weight(2, aroundLimits(limits)),
                weight(2, wrongType()),
                weight(1, just(ABSENT)));
        return new Field(valid.map(value -> value), hostile);
    }

    /** A field of an enumeration: these valid values; hostile ones are these invalid values or hostile text. */
    static Field choice(List<String> valid, List<String> invalid) {
        FuzzGen<String> values = from(valid);
        FuzzGen<Object> hostile =
                weighted(weight(2, from(invalid)), weight(1, field(values, 1).hostile()));
        return new Field(values.map(value -> value), hostile);
    }

    /**
     * Values for these fields, in their order: all valid, or one hostile and the others valid (so the hostile
     * value is what the handler meets, not a rejection of another field), or each either.
     */
    static FuzzGen<List<Object>> pick(List<Field> fields) {
        List<FuzzGen<Object>> valid = fields.stream().map(Field::valid).toList();
        FuzzGen<List<Object>> oneHostile = integers(0, fields.size() - 1).flatMap(hostile -> {
            List<FuzzGen<Object>> values = new ArrayList<>(valid);
            values.set(hostile, fields.get(hostile).hostile());
            return sequence(values);
        });
        List<FuzzGen<Object>> either = fields.stream()
                .map(field -> FuzzGen.<Object>oneOf(field.valid(), field.hostile()))
                .toList();
        return weighted(weight(3, sequence(valid)), weight(5, oneHostile), weight(1, sequence(either)));
    }

    /** One value of each generator, in their order. */
    private static FuzzGen<List<Object>> sequence(List<FuzzGen<Object>> generators) {
        return random -> {
            List<Object> values = new ArrayList<>(generators.size());
            for (FuzzGen<Object> generator : generators) {
                values.add(generator.next(random));
            }
            return values;
        };
    }

    /**
     * A JSON object of these fields as {@link #pick} chooses them (absent ones left out), sometimes with one
     * more field that nobody accepts.
     */
    static FuzzGen<Map<String, Object>> object(Map<String, Field> fields) {
        List<String> names = List.copyOf(fields.keySet());
        FuzzGen<Map<String, Object>> known = pick(List.copyOf(fields.values())).map(values -> {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                if (values.get(i) != ABSENT) {
                    map.put(names.get(i), values.get(i));
                }
            }
            return map;
        });
        FuzzGen<String> extraName = weighted(
                weight(2, of("role", "status", "creator_id", "id", "email", "user_id", "__proto__", "")),
                weight(1, hostileText()));
        FuzzGen<Object> extraValue = weighted(weight(1, hostileText()), weight(1, wrongType()));
        FuzzGen<Map<String, Object>> extra = random -> Map.of(extraName.next(random), extraValue.next(random));
        FuzzGen<Map<String, Object>> more = weighted(weight(12, just(Map.of())), weight(1, extra));
        return random -> {
            Map<String, Object> all = new LinkedHashMap<>(known.next(random));
            more.next(random).forEach(all::putIfAbsent);
            return all;
        };
    }

    /** Request bodies that are no JSON object of the right kind: wrong top level, broken, deep, huge, mis-encoded. */
    static FuzzGen<FuzzJson.Body> malformedBody() {
        return weighted(
                weight(
                        3,
                        of(
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
                        of(100, 999, 1001, 5000, 50000)
                                .map(depth -> FuzzJson.text("[".repeat(depth) + "]".repeat(depth)))),
                weight(
                        1,
                        of(100, 999, 1001, 5000)
                                .map(depth -> FuzzJson.text("{\"content\":" + "{\"a\":".repeat(depth) + "1"
                                        + "}".repeat(depth) + ",\"title\":\"deep\"}"))),
                weight(
                        1,
                        of(
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
                        of(1024 * 1024 + 1, 2 * 1024 * 1024)
                                .map(size -> FuzzJson.text("{\"content\":\"" + "x".repeat(size) + "\"}"))));
    }

    /** Hostile values for a number parameter ({@code limit}, {@code offset}, {@code after}): edges, overflows, no numbers. */
    static FuzzGen<String> hostileNumber() {
        return weighted(
                weight(2, integers(-3, 3).map(String::valueOf)),
                weight(
                        3,
                        of(
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
                weight(1, longs(Long.MIN_VALUE, Long.MAX_VALUE).map(String::valueOf)),
                weight(
                        2,
                        of(
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
    static FuzzGen<String> validInstant() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        return longs(-400 * 86_400_000L, 400 * 86_400_000L)
                .map(offset -> now.plusMillis(offset).toString());
    }

    /** A hostile {@code ?as_of=}: instants at and beyond every calendar's edge, and no instant at all. */
    static FuzzGen<String> hostileInstant() {
        return weighted(
                weight(
                        3,
                        of(
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
                        integers(-999_999_999, 999_999_999)
                                .map(year -> LocalDateTime.of(year, 1, 1, 0, 0)
                                        .atOffset(ZoneOffset.UTC)
                                        .toString())),
                weight(1, hostileText()));
    }

    /** Any UUID, of any version and variant. */
    static FuzzGen<UUID> uuids() {
        FuzzGen<Long> halves = longs(Long.MIN_VALUE, Long.MAX_VALUE);
        return random -> new UUID(halves.next(random), halves.next(random));
    }

    /** Path segments that are no usable id (already percent-encoded where they must be). */
    static FuzzGen<String> malformedId() {
        return weighted(
                weight(
                        3,
                        of(
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
                weight(1, strings(DIGITS + range('a', 'f'), 32, 32)),
                weight(1, uuids().map(uuid -> "%7B" + uuid + "%7D")),
                weight(2, hostileText().filter(text -> !text.isEmpty()).map(FuzzJson::percentEncode)));
    }
}
