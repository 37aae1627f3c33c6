package dev.platform.infra.web;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/** The request id: the caller's {@code X-Request-Id} when sane, else a fresh one; kept in the logging MDC. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private RequestIds() {}

    /** The caller's value when it is at most 64 characters of {@code [A-Za-z0-9._-]}, else a new UUID. */
    public static String accept(String offered) {
        return offered != null && SANE.matcher(offered).matches() ? offered : fresh().toString();
    }

    /**
     * A random (version 4) UUID from the thread's own generator: a request id tells requests apart in logs and
     * metadata and needs no unpredictability, and {@link UUID#randomUUID()}'s {@code SecureRandom} was 1 % of a read's
     * request thread.
     */
    static UUID fresh() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /** The id of the request being handled on this thread, or {@code null} outside a request. */
    public static String current() {
        return MDC.get(MDC_KEY);
    }
}
