import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.platform.api.post.PostCreated;
import dev.platform.api.post.PostPublished;
import dev.platform.api.post.PostUnpublished;
import dev.platform.api.post.PostUpdated;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The raw pass of the rebuild benchmark: what plain JDBC needs to turn the same events into the same rows. It
 * reads {@code domain_event_entry} up to a head in global order (one cursor, 1,000 rows per fetch), deserializes
 * each payload with a Jackson mapper set up as the platform's event serializer into the shared-api records, and
 * applies the projection's row rules (insert on create, ignore a second create;
 * later events only when their sequence number is above the row's version; an event for a missing row is an
 * error) to {@code raw_post_view}, a table of post_view's shape, with batched statements, one transaction per
 * batch. Every event is one statement (no coalescing). Prints one line: {@code events=<n> ms=<elapsed>}.
 *
 * <p>Usage: {@code java -cp <jdbc+jackson+shared-api> RawPass.java <jdbc url> <head> [batch]}
 */
public class RawPass {

    private static final String INSERT = "INSERT INTO raw_post_view (id, creator_id, title, content, status,"
            + " published_at, created_at, updated_at, version) VALUES (?, ?, ?, ?, 'draft', NULL, ?, ?, ?)"
            + " ON CONFLICT (id) DO NOTHING";

    // One statement for the three kinds of change keeps their order within a batch: a NULL leaves a column as is.
    private static final String UPDATE = "UPDATE raw_post_view SET title = coalesce(?, title),"
            + " content = coalesce(?, content), status = coalesce(?, status),"
            + " published_at = CASE WHEN ? THEN ?::timestamptz ELSE published_at END, updated_at = ?, version = ?"
            + " WHERE id = ? AND version < ?";

    public static void main(String[] args) throws Exception {
        String url = args[0];
        long head = Long.parseLong(args[1]);
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(new Jdk8Module())
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        Map<String, Class<?>> types = new HashMap<>();
        try (Connection read = DriverManager.getConnection(url, "postgres", "postgres");
                Connection write = DriverManager.getConnection(url, "postgres", "postgres")) {
            read.setAutoCommit(false);
            write.setAutoCommit(false);
            try (var ddl = write.createStatement()) {
                ddl.execute("DROP TABLE IF EXISTS raw_post_view");
                ddl.execute("CREATE TABLE raw_post_view (LIKE post_view INCLUDING ALL)");
            }
            write.commit();
            long start = System.nanoTime();
            long events = 0;
            int pending = 0;
            try (PreparedStatement select = read.prepareStatement(
                            "SELECT payload_type, payload, sequence_number FROM domain_event_entry"
                                    + " WHERE global_index <= ? ORDER BY global_index");
                    PreparedStatement insert = write.prepareStatement(INSERT);
                    PreparedStatement update = write.prepareStatement(UPDATE)) {
                select.setFetchSize(1000);
                select.setLong(1, head);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        events++;
                        String type = rs.getString(1);
                        if (!type.startsWith("dev.platform.api.post.")) {
                            continue;
                        }
                        Class<?> payloadType = types.computeIfAbsent(type, RawPass::load);
                        Object event = mapper.readValue(rs.getBytes(2), payloadType);
                        long sequence = rs.getLong(3);
                        if (event instanceof PostCreated e) {
                            insert.setObject(1, e.postId().value());
                            insert.setObject(2, e.creatorId().value());
                            insert.setString(3, e.title());
                            insert.setString(4, e.content());
                            insert.setTimestamp(5, Timestamp.from(e.createdAt()));
                            insert.setTimestamp(6, Timestamp.from(e.createdAt()));
                            insert.setLong(7, sequence);
                            insert.addBatch();
                        } else if (event instanceof PostUpdated e) {
                            change(update, e.postId().value(), e.title(), e.content(), null, false, null,
                                    e.updatedAt(), sequence);
                        } else if (event instanceof PostPublished e) {
                            change(update, e.postId().value(), e.title(), e.content(), "published", true,
                                    e.publishedAt(), e.publishedAt(), sequence);
                        } else if (event instanceof PostUnpublished e) {
                            change(update, e.postId().value(), null, null, "draft", true, null, e.unpublishedAt(),
                                    sequence);
                        } else {
                            continue;
                        }
                        if (++pending == batch) {
                            flush(write, insert, update);
                            pending = 0;
                        }
                    }
                }
                flush(write, insert, update);
            }
            read.commit();
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.println("events=" + events + " ms=" + ms);
        }
    }

    private static void change(
            PreparedStatement update,
            UUID id,
            String title,
            String content,
            String status,
            boolean setsPublishedAt,
            Instant publishedAt,
            Instant updatedAt,
            long sequence)
            throws Exception {
        update.setString(1, title);
        update.setString(2, content);
        update.setString(3, status);
        update.setBoolean(4, setsPublishedAt);
        update.setTimestamp(5, publishedAt == null ? null : Timestamp.from(publishedAt));
        update.setTimestamp(6, Timestamp.from(updatedAt));
        update.setLong(7, sequence);
        update.setObject(8, id);
        update.setLong(9, sequence);
        update.addBatch();
    }

    /** Creates first (an update in the same batch may need its row), then the changes in event order. */
    private static void flush(Connection write, PreparedStatement insert, PreparedStatement update) throws Exception {
        insert.executeBatch();
        for (int count : update.executeBatch()) {
            // 0 rows: the event was applied before (not possible in one pass) or the row is missing: an error.
            if (count == 0) {
                throw new IllegalStateException("raw_post_view has no row for an updated post");
            }
        }
        write.commit();
    }

    private static Class<?> load(String type) {
        try {
            return Class.forName(type);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
