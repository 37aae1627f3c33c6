package dev.platform.query.post;

import dev.platform.api.common.ErrorCode;
import dev.platform.api.post.PostId;
import dev.platform.api.post.PostStatus;
import dev.platform.api.user.Role;
import dev.platform.api.user.UserId;
import dev.platform.infra.security.AuthenticatedUser;
import dev.platform.infra.time.ApiTime;
import dev.platform.infra.web.ClientInstants;
import dev.platform.infra.web.EntityTags;
import dev.platform.infra.web.FieldErrors;
import dev.platform.infra.web.Paging;
import dev.platform.infra.web.Refusals;
import dev.platform.query.analytics.PageViewCounts;
import dev.platform.query.analytics.PostViews;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads posts. A draft is visible to its creator only: to anyone else it does not exist, in every read. A
 * creator's list is ordered newest first by the instant that matters for each post (published_at when
 * published, updated_at for a draft), ties broken by id so that pages never overlap. A past version
 * ({@code ?as_of}) is folded from the event store and follows the rules of a post's creator-only resources.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class PostQueryController {

    private final JdbcTemplate jdbc;
    private final PostAccess access;
    private final PostTimeline timeline;
    private final PostViews views;
    private final PageViewCounts pageViews;
    private final Clock clock;

    PostQueryController(
            JdbcTemplate jdbc,
            PostAccess access,
            PostTimeline timeline,
            PostViews views,
            PageViewCounts pageViews,
            Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.timeline = timeline;
        this.views = views;
        this.pageViews = pageViews;
        this.clock = clock;
    }

    record PostView(
            PostId id,
            UserId creatorId,
            String title,
            String content,
            String status,
            Instant publishedAt,
            Instant createdAt,
            Instant updatedAt,
            long viewCount) {}

    record PostSummary(PostId id, String title, String status, Instant publishedAt) {}

    /** A row of {@code post_view}: the post as answered and the version of the post it shows. */
    private record VersionedPost(PostView post, long version) {
        /** The version and the view count, the two things the answer changes with (the same for every caller). */
        String entityTag() {
            return EntityTags.of(version, Long.toString(post.viewCount()));
        }
    }

    /**
     * The post now, with its {@code ETag}, or with {@code as_of} as it stood at that instant (its creator and admins
     * only; no {@code ETag}). A read of the current post by anyone but its creator is a view for analytics, sent
     * without waiting; a 304 (the caller's {@code If-None-Match} names the current tag) sends no post and counts no
     * view.
     */
    @GetMapping("/posts/{id}")
    ResponseEntity<PostView> get(
            @PathVariable PostId id,
            @RequestParam(name = "as_of", required = false) String asOf,
            @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch,
            @AuthenticationPrincipal AuthenticatedUser caller) {
        if (asOf != null) {
            return ResponseEntity.ok(asOf(id, ClientInstants.parse("as_of", asOf), caller));
        }
        VersionedPost found = jdbc
                .query(
                        "SELECT id, creator_id, title, content, status, published_at, created_at, updated_at,"
                                + " view_count, version FROM post_view WHERE id = ?",
                        (rs, row) -> new VersionedPost(
                                new PostView(
                                        new PostId(rs.getObject(1, UUID.class)),
                                        new UserId(rs.getObject(2, UUID.class)),
                                        rs.getString(3),
                                        rs.getString(4),
                                        rs.getString(5),
                                        instant(rs.getTimestamp(6)),
                                        instant(rs.getTimestamp(7)),
                                        instant(rs.getTimestamp(8)),
                                        rs.getLong(9)),
                                rs.getLong(10)),
                        id.value())
                .stream()
                .filter(row -> PostStatus.PUBLISHED.apiName().equals(row.post().status())
                        || caller.is(row.post().creatorId()))
                .findFirst()
                .orElseThrow(() -> Refusals.notFound(ErrorCode.POST_NOT_FOUND, "Post"));
        String tag = found.entityTag();
        if (EntityTags.noneMatchHits(ifNoneMatch, tag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(tag).build();
        }
        PostView post = found.post();
        if (!caller.is(post.creatorId())) {
            views.viewed(id.value(), caller.id().value(), ApiTime.now(clock));
        }
        return ResponseEntity.ok().eTag(tag).body(post);
    }

    /** The post folded from its events up to {@code instant}; view_count = the views recorded up to then. */
    private PostView asOf(PostId id, Instant instant, AuthenticatedUser caller) {
        access.creatorOnly(id, caller, PostAccess.Admins.ALLOWED, "past versions");
        PostTimeline.State state =
                timeline.asOf(id, instant).orElseThrow(() -> Refusals.notFound(ErrorCode.POST_NOT_FOUND, "Post"));
        return new PostView(
                state.id(),
                state.creatorId(),
                state.title(),
                state.content(),
                state.status(),
                state.publishedAt(),
                state.createdAt(),
                state.updatedAt(),
                pageViews.upTo(id, instant));
    }

    @GetMapping("/creators/{creator_id}/posts")
    ResponseEntity<List<PostSummary>> byCreator(
            @PathVariable("creator_id") UserId creatorId,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String offset,
            @AuthenticationPrincipal AuthenticatedUser caller) {
        Optional<PostStatus> filter = Optional.empty();
        if (status != null) {
            filter = PostStatus.fromApiName(status);
            if (filter.isEmpty()) {
                throw FieldErrors.failure("status", "must be \"published\" or \"draft\"");
            }
        }
        Paging paging = Paging.of(limit, offset);
        if (!isCreator(creatorId)) {
            throw Refusals.notFound(ErrorCode.USER_NOT_FOUND, "Creator");
        }
        // Others see published posts only; a creator sees all of their own.
        if (!caller.is(creatorId)) {
            if (filter.isPresent() && filter.get() == PostStatus.DRAFT) {
                return paging.answer(List.of(), 0, "status");
            }
            filter = Optional.of(PostStatus.PUBLISHED);
        }

        String where = " FROM post_view WHERE creator_id = ?" + (filter.isPresent() ? " AND status = ?" : "");
        List<Object> arguments = new ArrayList<>();
        arguments.add(creatorId.value());
        filter.ifPresent(f -> arguments.add(f.apiName()));
        Long total = jdbc.queryForObject("SELECT count(*)" + where, Long.class, arguments.toArray());
        arguments.add(paging.limit());
        arguments.add(paging.offset());
        List<PostSummary> page = jdbc.query(
                "SELECT id, title, status, published_at" + where + " ORDER BY listed_at DESC, id DESC LIMIT ? OFFSET ?",
                (rs, row) -> new PostSummary(
                        new PostId(rs.getObject(1, UUID.class)),
                        rs.getString(2),
                        rs.getString(3),
                        instant(rs.getTimestamp(4))),
                arguments.toArray());
        return paging.answer(page, total == null ? 0 : total, "status");
    }

    private boolean isCreator(UserId id) {
        return !jdbc.queryForList(
                        "SELECT 1 FROM user_view WHERE id = ? AND role = ?",
                        Integer.class,
                        id.value(),
                        Role.CREATOR.apiName())
                .isEmpty();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
