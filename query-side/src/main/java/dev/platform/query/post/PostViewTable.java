package dev.platform.query.post;

import dev.platform.api.post.PostId;
import dev.platform.api.post.PostStatus;
import dev.platform.api.user.UserId;
import dev.platform.infra.db.StatementsAtCommit;
import dev.platform.infra.security.AuthenticatedUser;
import dev.platform.infra.web.EntityTags;
import dev.platform.query.user.UserViewTable;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every statement on {@code post_view}, the posts read model: the projection's batched writes, the post reads, the
 * creator-and-status look-up other features make (who may see a post); a post's read joins the count analytics keeps
 * ({@code analytics_view_count}). The
 * statements are the ones the benchmarks measured ({@code docs/benchmarks.md}); the creator's list is served by the
 * indexes on {@code (creator_id, [status,] listed_at DESC, id DESC)}. Somewhat over 200 lines on purpose: one home
 * for the table's SQL, so a change of a column is one file.
 */
@Component
public class PostViewTable {

    private static final String VERSIONS = "SELECT id, version FROM post_view WHERE id = ANY (?)";
    private static final String VERSION = "SELECT version FROM post_view WHERE id = ?";
    private static final String INSERT = "INSERT INTO post_view (id, creator_id, title, content, status, published_at,"
            + " created_at, updated_at, deleted_at, version, publish_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (id) DO NOTHING";
    // One statement for every kind of change: a NULL title, content, status or deleted_at leaves the column as it is.
    private static final String UPDATE = "UPDATE post_view SET title = coalesce(?, title),"
            + " content = coalesce(?, content), status = coalesce(?, status),"
            + " published_at = CASE WHEN ? THEN ?::timestamptz ELSE published_at END,"
            + " publish_at = CASE WHEN ? THEN ?::timestamptz ELSE publish_at END, updated_at = ?,"
            + " deleted_at = coalesce(?, deleted_at), version = ? WHERE id = ? AND version < ?";

    private final JdbcTemplate jdbc;
    private final StatementsAtCommit atCommit;
    private final PostCache cache;

    /** The table without a cache (tests of the statements). */
    public PostViewTable(JdbcTemplate jdbc) {
        this(jdbc, new StatementsAtCommit(jdbc), PostCache.none());
    }

    @Autowired
    PostViewTable(JdbcTemplate jdbc, StatementsAtCommit atCommit, PostCache cache) {
        this.jdbc = jdbc;
        this.atCommit = atCommit;
        this.cache = cache;
    }

    /** A post's row as read: the post as answered and the version of the post it shows. */
    record CurrentPost(PostView post, long version) {
        /** Published: everyone; a draft or a scheduled post: its creator only. */
        boolean visibleTo(AuthenticatedUser caller) {
            return PostStatus.PUBLISHED.apiName().equals(post.status()) || caller.is(post.creatorId());
        }

        /** The same post with {@code views} more page views. */
        CurrentPost withMoreViews(long views) {
            return new CurrentPost(
                    new PostView(
                            post.id(),
                            post.creatorId(),
                            post.title(),
                            post.content(),
                            post.status(),
                            post.publishedAt(),
                            post.publishAt(),
                            post.createdAt(),
                            post.updatedAt(),
                            post.viewCount() + views),
                    version);
        }

        /** The version and the view count, the two things the answer changes with (the same for every caller). */
        String entityTag() {
            return EntityTags.of(version, Long.toString(post.viewCount()));
        }
    }

    /**
     * Who created a post, whether it is published and whether it was deleted: all another feature may read of it. A
     * deleted post is visible to nobody (only the admin's audit reads, {@link PostAccess}, still find it).
     */
    public record Standing(UserId creatorId, boolean published, boolean deleted) {
        /** Published: everyone; a draft: its creator only; deleted: nobody. */
        public boolean visibleTo(AuthenticatedUser caller) {
            return !deleted && (published || caller.is(creatorId));
        }
    }

    /** The post's creator and status; empty when the post has no row (unknown, or not projected yet). */
    public Optional<Standing> standing(PostId id) {
        return jdbc
                .query(
                        "SELECT creator_id, status, deleted_at IS NOT NULL FROM post_view WHERE id = ?",
                        (rs, row) -> new Standing(
                                new UserId(rs.getObject(1, UUID.class)),
                                PostStatus.PUBLISHED.apiName().equals(rs.getString(2)),
                                rs.getBoolean(3)),
                        id.value())
                .stream()
                .findFirst();
    }

    /** The post as it is now; empty when it has no row or was deleted. Answered from {@link PostCache} when it can. */
    Optional<CurrentPost> find(PostId id) {
        return cache.find(id, this::load);
    }

    private Optional<CurrentPost> load(PostId id) {
        return jdbc
                .query(
                        "SELECT p.id, p.creator_id, p.title, p.content, p.status, p.published_at, p.created_at,"
                                + " p.updated_at, coalesce(c.view_count, 0), p.version, p.publish_at FROM post_view p"
                                + " LEFT JOIN analytics_view_count c ON c.post_id = p.id"
                                + " WHERE p.id = ? AND p.deleted_at IS NULL",
                        (rs, row) -> new CurrentPost(
                                new PostView(
                                        new PostId(rs.getObject(1, UUID.class)),
                                        new UserId(rs.getObject(2, UUID.class)),
                                        rs.getString(3),
                                        rs.getString(4),
                                        rs.getString(5),
                                        instant(rs.getTimestamp(6)),
                                        instant(rs.getTimestamp(11)),
                                        instant(rs.getTimestamp(7)),
                                        instant(rs.getTimestamp(8)),
                                        rs.getLong(9)),
                                rs.getLong(10)),
                        id.value())
                .stream()
                .findFirst();
    }

    /** A page of a creator's list and how many posts the list has without {@code limit} and {@code offset}. */
    record CreatorPage(long total, List<PostSummary> posts) {}

    /**
     * The creator's posts (deleted ones not counted), of one status or of any: how many, and one page of them newest
     * first by {@code listed_at}, ties by id (pages never overlap). Empty when the user is no creator ({@link
     * UserViewTable#CREATOR}). One statement, so one round trip and one snapshot: the check, the count and the page
     * were three. Answered from {@link PostCache} when it can.
     */
    Optional<CreatorPage> creatorPage(UserId creator, Optional<PostStatus> status, int limit, int offset) {
        PostCache.PageKey key = new PostCache.PageKey(
                creator.value(), status.map(PostStatus::apiName).orElse(null), limit, offset);
        return cache.findPage(key, () -> loadPage(creator, status, limit, offset));
    }

    private Optional<CreatorPage> loadPage(UserId creator, Optional<PostStatus> status, int limit, int offset) {
        List<Object> arguments = creatorArguments(creator, status);
        arguments.addAll(creatorArguments(creator, status));
        arguments.add(limit);
        arguments.add(offset);
        arguments.add(creator.value());
        List<PostSummary> posts = new ArrayList<>();
        long[] total = {-1};
        jdbc.query(
                "SELECT (SELECT count(*)" + byCreator(status) + ") AS total,"
                        + " page.id, page.title, page.status, page.published_at, page.publish_at"
                        + " FROM (SELECT id, title, status, published_at, publish_at, listed_at" + byCreator(status)
                        + " ORDER BY listed_at DESC, id DESC LIMIT ? OFFSET ?) AS page"
                        + " RIGHT JOIN (" + UserViewTable.CREATOR + ") AS creator ON TRUE"
                        + " ORDER BY page.listed_at DESC, page.id DESC",
                rs -> {
                    total[0] = rs.getLong(1);
                    UUID id = rs.getObject(2, UUID.class);
                    if (id != null) {
                        posts.add(new PostSummary(
                                new PostId(id),
                                rs.getString(3),
                                rs.getString(4),
                                instant(rs.getTimestamp(5)),
                                instant(rs.getTimestamp(6))));
                    }
                },
                arguments.toArray());
        return total[0] < 0 ? Optional.empty() : Optional.of(new CreatorPage(total[0], List.copyOf(posts)));
    }

    private static String byCreator(Optional<PostStatus> status) {
        // deleted_at IS NULL: the condition of the list's partial indexes (V130).
        return " FROM post_view WHERE creator_id = ? AND deleted_at IS NULL"
                + (status.isPresent() ? " AND status = ?" : "");
    }

    private static List<Object> creatorArguments(UserId creator, Optional<PostStatus> status) {
        List<Object> arguments = new ArrayList<>();
        arguments.add(creator.value());
        status.ifPresent(s -> arguments.add(s.apiName()));
        return arguments;
    }

    /**
     * The versions of those of these posts that have a row, at once. One post (every write of the application's own,
     * applied inline) is looked up by equality: a cached generic plan for {@code = ANY (?)}, made while the table was
     * small, scanned the whole table for each write of a benchmark (docs/benchmarks.md).
     */
    Map<UUID, Long> versions(Collection<UUID> ids) {
        Map<UUID, Long> found = new HashMap<>();
        if (ids.size() == 1) {
            UUID id = ids.iterator().next();
            jdbc.query(
                    VERSION,
                    rs -> {
                        found.put(id, rs.getLong(1));
                    },
                    id);
            return found;
        }
        jdbc.query(
                connection -> {
                    PreparedStatement select = connection.prepareStatement(VERSIONS);
                    Array array = connection.createArrayOf("uuid", ids.toArray());
                    select.setArray(1, array);
                    return select;
                },
                rs -> {
                    found.put(rs.getObject(1, UUID.class), rs.getLong(2));
                });
        return found;
    }

    /** New rows, in one batch, each unless its post has a row already. Answers the rows inserted per post, in order. */
    int[] insert(List<PostVersion> posts) {
        List<Object[]> rows = new ArrayList<>(posts.size());
        for (PostVersion written : posts) {
            rows.add(row(written));
        }
        return cache.writePostView(ids(posts), () -> jdbc.batchUpdate(INSERT, rows));
    }

    private static Object[] row(PostVersion written) {
        FoldedPost post = written.post();
        return new Object[] {
            post.id().value(),
            post.creatorId().value(),
            post.title(),
            post.content(),
            post.status().apiName(),
            timestamp(post.publishedAt()),
            timestamp(post.createdAt()),
            timestamp(post.updatedAt()),
            timestamp(post.deletedAt()),
            written.version(),
            timestamp(post.publishAt())
        };
    }

    /**
     * A new row, unless its post has a row already, written with the transaction's other statements at its commit
     * ({@link StatementsAtCommit}; at once without a transaction): for a post's first event, whose outcome nobody
     * reads before the commit.
     */
    void insertAtCommit(PostVersion written) {
        Object[] row = row(written);
        cache.writePostView(List.of(written.post().id().value()), () -> {
            atCommit.run(INSERT, row);
            return null;
        });
    }

    /**
     * Changes of existing rows, in one batch: the fields the folded events set (unknown ones stay as stored), each
     * only where the row is below the new version. Answers the rows changed per post, in order (0: none was below).
     */
    int[] update(List<PostVersion> posts) {
        List<Object[]> rows = new ArrayList<>(posts.size());
        for (PostVersion written : posts) {
            FoldedPost post = written.post();
            rows.add(new Object[] {
                post.title(),
                post.content(),
                post.statusKnown() ? post.status().apiName() : null,
                post.statusKnown(),
                timestamp(post.publishedAt()),
                post.statusKnown(),
                timestamp(post.publishAt()),
                timestamp(post.updatedAt()),
                timestamp(post.deletedAt()),
                written.version(),
                post.id().value(),
                written.version()
            });
        }
        return cache.writePostView(ids(posts), () -> jdbc.batchUpdate(UPDATE, rows));
    }

    /** Empties the table before a rebuild. */
    void truncate() {
        cache.writePostView(null, () -> jdbc.update("TRUNCATE post_view"));
    }

    private static List<UUID> ids(List<PostVersion> posts) {
        return posts.stream().map(post -> post.post().id().value()).toList();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
