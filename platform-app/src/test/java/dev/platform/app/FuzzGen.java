package dev.platform.app;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A generator of random values for the fuzz suite: the value drawn depends only on the state of the random source
 * it is given, so a case seeded alike is drawn alike, in any thread. Generators keep no state and may be shared.
 * Only the few combinators the suite uses are here; the ranges and lengths put part of their weight on the edge
 * values (bounds, zero, one, the shortest length), where input handling breaks most often.
 */
@FunctionalInterface
interface FuzzGen<T> {

    /** Tries a {@link #filter} makes before it gives up: a predicate this strict is a mistake in the suite. */
    int FILTER_TRIES = 10_000;

    T next(SplittableRandom random);

    default <R> FuzzGen<R> map(Function<? super T, ? extends R> mapper) {
        return random -> mapper.apply(next(random));
    }

    /** A generator chosen by the value drawn first, e.g. a path for the caller drawn before it. */
    default <R> FuzzGen<R> flatMap(Function<? super T, ? extends FuzzGen<? extends R>> mapper) {
        return random -> mapper.apply(next(random)).next(random);
    }

    /** Only the values that pass; draws again until one does. */
    default FuzzGen<T> filter(Predicate<? super T> accepted) {
        return random -> {
            for (int i = 0; i < FILTER_TRIES; i++) {
                T value = next(random);
                if (accepted.test(value)) {
                    return value;
                }
            }
            throw new IllegalStateException("no value passed the filter in " + FILTER_TRIES + " tries");
        };
    }

    /** Lists of {@code minSize} to {@code maxSize} values of this generator. */
    default FuzzGen<List<T>> list(int minSize, int maxSize) {
        FuzzGen<Integer> sizes = lengths(minSize, maxSize);
        return random -> {
            int size = sizes.next(random);
            List<T> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(next(random));
            }
            return values;
        };
    }

    static <T> FuzzGen<T> just(T value) {
        return random -> value;
    }

    /** One of these values, each as likely. */
    @SafeVarargs
    static <T> FuzzGen<T> of(T... values) {
        return from(List.of(values));
    }

    /** One of these values, each as likely. */
    static <T> FuzzGen<T> from(List<? extends T> values) {
        List<? extends T> copy = List.copyOf(values);
        return random -> copy.get(random.nextInt(copy.size()));
    }

    /** A value of one of these generators, each as likely. */
    @SafeVarargs
    static <T> FuzzGen<T> oneOf(FuzzGen<? extends T>... generators) {
        List<FuzzGen<? extends T>> copy = List.of(generators);
        return random -> copy.get(random.nextInt(copy.size())).next(random);
    }

    /** A generator and its share of the draws, for {@link #weighted}. */
    record Weighted<T>(int weight, FuzzGen<? extends T> generator) {}

    static <T> Weighted<T> weight(int weight, FuzzGen<? extends T> generator) {
        return new Weighted<>(weight, generator);
    }

    /** A value of one of these generators, each drawn as often as its weight says. */
    @SafeVarargs
    static <T> FuzzGen<T> weighted(Weighted<? extends T>... choices) {
        return weighted(List.of(choices));
    }

    static <T> FuzzGen<T> weighted(List<? extends Weighted<? extends T>> choices) {
        List<? extends Weighted<? extends T>> copy = List.copyOf(choices);
        int total = copy.stream().mapToInt(Weighted::weight).sum();
        return random -> {
            int pick = random.nextInt(total);
            for (Weighted<? extends T> choice : copy) {
                pick -= choice.weight();
                if (pick < 0) {
                    return choice.generator().next(random);
                }
            }
            throw new IllegalStateException("weights changed");
        };
    }

    /** Integers from {@code min} to {@code max} (both included), an edge value in one draw of eight. */
    static FuzzGen<Integer> integers(int min, int max) {
        return longs(min, max).map(Math::toIntExact);
    }

    /**
     * Longs from {@code min} to {@code max} (both included): in one draw of eight an edge value (either bound,
     * one inside each bound, zero, one or minus one where in range), else any value of the range, each as likely.
     */
    static FuzzGen<Long> longs(long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException(min + " > " + max);
        }
        List<Long> edges = Stream.of(min, max, min + 1, max - 1, 0L, 1L, -1L)
                .filter(value -> value >= min && value <= max)
                .distinct()
                .toList();
        return random -> {
            if (random.nextInt(8) == 0) {
                return edges.get(random.nextInt(edges.size()));
            }
            if (max < Long.MAX_VALUE) {
                return random.nextLong(min, max + 1);
            }
            return min > Long.MIN_VALUE ? random.nextLong(min - 1, max) + 1 : random.nextLong();
        };
    }

    /**
     * Strings of {@code minLength} to {@code maxLength} characters from {@code alphabet} (any {@code char}, unpaired
     * surrogates included), each character as likely; the shortest length in one draw of sixteen.
     */
    static FuzzGen<String> strings(String alphabet, int minLength, int maxLength) {
        if (alphabet.isEmpty()) {
            throw new IllegalArgumentException("empty alphabet");
        }
        FuzzGen<Integer> lengths = lengths(minLength, maxLength);
        return random -> {
            int length = lengths.next(random);
            StringBuilder text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return text.toString();
        };
    }

    /** One character of {@code alphabet}, as a string. */
    static FuzzGen<String> character(String alphabet) {
        return strings(alphabet, 1, 1);
    }

    /** Every {@code char} from {@code first} to {@code last}, for an alphabet: {@code range('a', 'z')}. */
    static String range(char first, char last) {
        StringBuilder characters = new StringBuilder(last - first + 1);
        for (int c = first; c <= last; c++) {
            characters.append((char) c);
        }
        return characters.toString();
    }

    /** Sizes of a list or string: the smallest in one draw of sixteen, else any, each as likely. */
    private static FuzzGen<Integer> lengths(int min, int max) {
        if (min < 0 || min > max) {
            throw new IllegalArgumentException("lengths " + min + " to " + max);
        }
        return random -> random.nextInt(16) == 0 ? min : random.nextInt(min, max + 1);
    }
}
