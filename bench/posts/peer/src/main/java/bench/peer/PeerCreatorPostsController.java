package bench.peer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/creators/{id}/posts} as a plain service would write it, for the benchmark's list line: the
 * token check, {@code limit} (1..100, default 20) and {@code offset} (≥ 0) checked as the platform's contract
 * says, the creator's newest posts first (an index on creator and time answers it) and the number of their posts
 * in {@code X-Total-Count}: the page and the count in two statements, what a paged list with a total costs any
 * service. The peer has no publishing, so every post counts and the item has no status.
 */
@RestController
class PeerCreatorPostsController {

    static final String TOTAL_COUNT = "X-Total-Count";

    private final JdbcTemplate jdbc;
    private final PeerTokens tokens;

    PeerCreatorPostsController(JdbcTemplate jdbc, PeerTokens tokens) {
        this.jdbc = jdbc;
        this.tokens = tokens;
    }

    record ListedPost(UUID id, String title, Instant createdAt) {}

    @GetMapping(path = "/api/v1/creators/{creatorId}/posts", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<List<ListedPost>> list(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable UUID creatorId,
            @RequestParam(defaultValue = "20") int limit,
            @RequestParam(defaultValue = "0") long offset) {
        tokens.verify(authorization);
        if (limit < 1 || limit > 100 || offset < 0) {
            throw new Refused(HttpStatus.BAD_REQUEST, "limit must be 1 to 100 and offset at least 0");
        }
        Long total = jdbc.queryForObject("SELECT count(*) FROM peer_post WHERE creator_id = ?", Long.class, creatorId);
        List<ListedPost> page = jdbc.query(
                "SELECT id, title, created_at FROM peer_post WHERE creator_id = ?"
                        + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
                (rs, row) -> new ListedPost(
                        rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3).toInstant()),
                creatorId,
                limit,
                offset);
        return ResponseEntity.ok().header(TOTAL_COUNT, Long.toString(total)).body(page);
    }
}
