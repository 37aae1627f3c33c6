package bench.peer;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/posts} and {@code GET /api/v1/posts/{id}} as a plain service would write them: the same
 * HS256 token check as the platform ({@link PeerTokens}: signature, algorithm, issuer, expiry; and the role), a
 * minimal validation, and exactly one JDBC statement per request (auto-commit, no transaction of its own).
 */
@RestController
@RequestMapping(path = "/api/v1/posts", produces = MediaType.APPLICATION_JSON_VALUE)
class PeerPostController {

    private final JdbcTemplate jdbc;
    private final PeerTokens tokens;
    private final Clock clock = Clock.systemUTC();

    PeerPostController(JdbcTemplate jdbc, PeerTokens tokens) {
        this.jdbc = jdbc;
        this.tokens = tokens;
    }

    record NewPost(String title, String content) {}

    record CreatedPost(UUID id, UUID creatorId, String title, String status, Instant createdAt) {}

    record PostView(UUID id, UUID creatorId, String title, String content, Instant createdAt) {}

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CreatedPost> create(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody NewPost body) {
        PeerTokens.Caller caller = tokens.verify(authorization);
        if (!"creator".equals(caller.role())) {
            throw new Refused(HttpStatus.FORBIDDEN, "Only creators may write posts.");
        }
        String title = body.title() == null ? null : body.title().strip();
        Map<String, String> errors = new LinkedHashMap<>();
        if (title == null || !PeerTokens.within(title, 200)) {
            errors.put("title", "must have 1 to 200 characters");
        }
        if (body.content() == null || !PeerTokens.within(body.content(), 100_000)) {
            errors.put("content", "must have 1 to 100000 characters");
        }
        if (!errors.isEmpty()) {
            throw new Refused(HttpStatus.BAD_REQUEST, errors.toString());
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        jdbc.update(
                "INSERT INTO peer_post(id, creator_id, title, content, created_at) VALUES (?, ?, ?, ?, ?)",
                id,
                caller.id(),
                title,
                body.content(),
                Timestamp.from(now));
        return ResponseEntity.status(HttpStatus.CREATED).body(new CreatedPost(id, caller.id(), title, "draft", now));
    }

    @GetMapping("/{id}")
    PostView get(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable UUID id) {
        tokens.verify(authorization);
        return jdbc
                .query(
                        "SELECT id, creator_id, title, content, created_at FROM peer_post WHERE id = ?",
                        (rs, row) -> new PostView(
                                rs.getObject(1, UUID.class),
                                rs.getObject(2, UUID.class),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getTimestamp(5).toInstant()),
                        id)
                .stream()
                .findFirst()
                .orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, "No such post."));
    }
}
