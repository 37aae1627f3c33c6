package dev.platform.infra.web;

import java.util.UUID;
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
        return offered != null && SANE.matcher(offered).matches()
                ? offered
                : UUID.randomUUID().toString();
    }

    /** The id of the request being handled on this thread, or {@code null} outside a request. */
    public static String current() {
        return MDC.get(MDC_KEY);
    }
}
