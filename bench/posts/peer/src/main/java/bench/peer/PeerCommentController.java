package bench.peer;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/posts/{postId}/comments} as a plain service would write it, for the benchmark's comment line:
 * the token check, the contract's lengths (content 1 to 10,000 characters, not only whitespace; the parent, when
 * given, a UUID), and one {@code INSERT ... SELECT} that writes the comment only if the post exists and the
 * parent, when given, is a comment of the same post (one statement, auto-commit). Only when it wrote nothing does
 * a second look-up tell a missing post (404) from a wrong parent (400).
 */
@RestController
class PeerCommentController {

    private static final int CONTENT_MAX = 10_000;

    private final JdbcTemplate jdbc;
    private final PeerTokens tokens;
    private final Clock clock = Clock.systemUTC();

    PeerCommentController(JdbcTemplate jdbc, PeerTokens tokens) {
        this.jdbc = jdbc;
        this.tokens = tokens;
    }

    record NewComment(String content, UUID parentCommentId) {}

    record CreatedComment(
            UUID id,
            UUID postId,
            UUID userId,
            UUID parentCommentId,
            String content,
            Instant createdAt,
            Instant editedAt,
            boolean deleted) {}

    @PostMapping(
            path = "/api/v1/posts/{postId}/comments",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CreatedComment> add(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable UUID postId,
            @RequestBody NewComment body) {
        PeerTokens.Caller caller = tokens.verify(authorization);
        String content = body.content();
        if (content == null || content.isBlank() || !PeerTokens.within(content, CONTENT_MAX)) {
            throw new Refused(HttpStatus.BAD_REQUEST, "content must be 1 to 10000 characters, not only whitespace");
        }
        UUID id = UUID.randomUUID();
        UUID parent = body.parentCommentId();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        int written = jdbc.update(
                "INSERT INTO peer_comment(id, post_id, user_id, parent_comment_id, content, created_at)"
                        + " SELECT ?::uuid, ?::uuid, ?::uuid, ?::uuid, ?, ?::timestamptz WHERE EXISTS (SELECT 1 FROM peer_post WHERE id = ?)"
                        + " AND (?::uuid IS NULL OR EXISTS (SELECT 1 FROM peer_comment WHERE id = ? AND post_id = ?))",
                id,
                postId,
                caller.id(),
                parent,
                content,
                Timestamp.from(now),
                postId,
                parent,
                parent,
                postId);
        if (written == 0) {
            Integer posts = jdbc.queryForObject("SELECT count(*) FROM peer_post WHERE id = ?", Integer.class, postId);
            throw posts == null || posts == 0
                    ? new Refused(HttpStatus.NOT_FOUND, "No such post.")
                    : new Refused(HttpStatus.BAD_REQUEST, "parent_comment_id must be a comment on this post");
        }
        return ResponseEntity.created(URI.create("/api/v1/posts/" + postId + "/comments/" + id))
                .body(new CreatedComment(id, postId, caller.id(), parent, content, now, null, false));
    }
}
