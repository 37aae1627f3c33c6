package dev.platform.infra.web;

import java.util.List;
import java.util.function.Function;
import org.springframework.http.ResponseEntity;

/**
 * The contract's list window: {@code limit} 1..100 (default 20) and {@code offset} >= 0 (default 0); anything
 * else, including non-numbers, is a 400 {@code VALIDATION_FAILED} naming the parameter.
 */
public record Paging(int limit, int offset) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    public static final String TOTAL_COUNT = "X-Total-Count";
    private static final String LIMIT = "limit";
    private static final String OFFSET = "offset";

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
            errors.add(LIMIT, "must be an integer from 1 to " + MAX_LIMIT);
        }
        if (parsedOffset < 0) {
            errors.add(OFFSET, "must be an integer of at least 0");
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

    /**
     * A 200 list answer with its {@code X-Total-Count} and {@code Link} headers: {@code first} always, {@code prev}
     * when the window does not start at the beginning (the {@code limit} items before it, or the last ones when it
     * starts past the end), {@code next} when items remain after it. Each link keeps the request's values of the
     * list's {@code filters} (such as {@code status}).
     */
    public <T> ResponseEntity<List<T>> answer(List<T> items, long total, String... filters) {
        PageLinks links = firstAndPrevious(total, List.of(filters));
        if (hasMore(total)) {
            links.add("next", PageLinks.window(LIMIT, limit, OFFSET, offset + limit));
        }
        return answer(items, total, links);
    }

    /**
     * A 200 list answer of a stream that is also paged by a cursor ({@code /admin/events?after=}): like {@link
     * #answer(List, long, String...)} with the cursor as its filter, but {@code next} asks for the items after the
     * last one of this window ({@code cursor} = {@code positionOf} that item, no offset), so that it stays right
     * while the stream grows.
     */
    public <T> ResponseEntity<List<T>> answer(
            List<T> items, long total, String cursor, Function<? super T, Object> positionOf) {
        PageLinks links = firstAndPrevious(total, List.of(cursor));
        if (hasMore(total) && !items.isEmpty()) {
            links.add("next", PageLinks.window(cursor, positionOf.apply(items.get(items.size() - 1)), LIMIT, limit));
        }
        return answer(items, total, links);
    }

    private boolean hasMore(long total) {
        return offset + (long) limit < total;
    }

    private PageLinks firstAndPrevious(long total, List<String> filters) {
        PageLinks links = PageLinks.ofCurrentRequest(filters);
        links.add("first", PageLinks.window(LIMIT, limit, OFFSET, 0));
        if (offset > 0) {
            links.add("prev", PageLinks.window(LIMIT, limit, OFFSET, Math.max(0, Math.min(offset, total) - limit)));
        }
        return links;
    }

    private static <T> ResponseEntity<List<T>> answer(List<T> items, long total, PageLinks links) {
        return ResponseEntity.ok()
                .header(TOTAL_COUNT, Long.toString(total))
                .header(PageLinks.HEADER, links.header())
                .body(items);
    }
}
