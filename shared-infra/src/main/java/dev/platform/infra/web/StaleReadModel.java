package dev.platform.infra.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * {@code X-Read-Model: stale} on a write's answer: the write is stored (its events are in the event store and will
 * be projected), but the read model that serves the matching read had not caught up with it when the answer left,
 * so a read right after it may not show it yet. A client that needs the read retries it.
 */
public final class StaleReadModel {

    public static final String HEADER = "X-Read-Model";
    public static final String STALE = "stale";

    private StaleReadModel() {}

    /** Marks the answer of the request on this thread; nothing outside a request. */
    public static void mark() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            HttpServletResponse response = servlet.getResponse();
            if (response != null && !response.isCommitted()) {
                response.setHeader(HEADER, STALE);
            }
        }
    }
}
