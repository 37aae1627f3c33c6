package dev.platform.infra.web;

import java.util.List;
import org.springframework.http.ResponseEntity;

/**
 * The contract's list window: {@code limit} 1..100 (default 20) and {@code offset} >= 0 (default 0); anything
 * else, including non-numbers, is a 400 {@code VALIDATION_FAILED} naming the parameter.
 */
public record Paging(int limit, int offset) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    public static final String TOTAL_COUNT = "X-Total-Count";

    /** Parses the raw query parameters (either may be {@code null}: absent). */
    public static Paging of(String limit, String offset) {
        FieldErrors errors = new FieldErrors();
        Paging paging = of(limit, offset, errors);
        errors.throwIfAny();
        return paging;
    }

    /**
     * Parses the raw query parameters and adds what is wrong with them to {@code errors} instead of throwing, for
     * endpoints that validate further parameters and answer all problems at once. The result is only meaningful
     * when nothing was added.
     */
    public static Paging of(String limit, String offset, FieldErrors errors) {
        int parsedLimit = parse(limit, DEFAULT_LIMIT);
        int parsedOffset = parse(offset, 0);
        if (parsedLimit < 1 || parsedLimit > MAX_LIMIT) {
            errors.add("limit", "must be an integer from 1 to " + MAX_LIMIT);
        }
        if (parsedOffset < 0) {
            errors.add("offset", "must be an integer of at least 0");
        }
        return new Paging(parsedLimit, parsedOffset);
    }

    private static int parse(String raw, int absent) {
        if (raw == null) {
            return absent;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A 200 list answer with its {@code X-Total-Count} header. */
    public static <T> ResponseEntity<List<T>> answer(List<T> items, long total) {
        return ResponseEntity.ok().header(TOTAL_COUNT, Long.toString(total)).body(items);
    }
}
