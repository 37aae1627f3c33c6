package dev.platform.query.projection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The comparison of a rebuild's tables with the live ones before the switch, row by row through the primary key,
 * every column compared as text (so any column type compares). One repeatable-read transaction reads both sides, so
 * the counts are of one moment; an event that one side has applied and the other not yet shows as a difference of
 * that moment.
 */
final class ReadModelDiff {

    static final int SAMPLE = 5;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;

    ReadModelDiff(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    /** The columns and primary key of each live table of a rebuild. */
    record Shape(Map<String, List<String>> columns, Map<String, List<String>> keys) {
        List<String> keys(String table) {
            return keys.get(table);
        }
    }

    Shape shape(ShadowSchema schema) {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        Map<String, List<String>> keys = new LinkedHashMap<>();
        for (String table : schema.model().tables()) {
            String relation = schema.live() + "." + table;
            columns.put(
                    table,
                    jdbc.queryForList(
                            "SELECT attname FROM pg_attribute WHERE attrelid = ?::regclass AND attnum > 0"
                                    + " AND NOT attisdropped ORDER BY attnum",
                            String.class,
                            relation));
            List<String> key = jdbc.queryForList(
                    "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
                            + " AND a.attnum = ANY (i.indkey) WHERE i.indrelid = ?::regclass AND i.indisprimary"
                            + " ORDER BY array_position(i.indkey::int2[], a.attnum)",
                    String.class,
                    relation);
            if (key.isEmpty()) {
                throw new IllegalStateException(relation + " has no primary key: its rebuild cannot be compared");
            }
            keys.put(table, key);
        }
        return new Shape(columns, keys);
    }

    /** Every table of the rebuild, live against shadow. */
    List<TableDiff> compare(ShadowSchema schema) {
        Shape shape = shape(schema);
        return snapshot.execute(status -> {
            List<TableDiff> diffs = new ArrayList<>();
            for (String table : schema.model().tables()) {
                diffs.add(compare(schema, table, shape));
            }
            return diffs;
        });
    }

    private TableDiff compare(ShadowSchema schema, String table, Shape shape) {
        List<String> keys = shape.keys(table);
        List<String> compared = shape.columns().get(table).stream()
                .filter(column -> !keys.contains(column))
                .toList();
        String from = " FROM " + schema.live() + "." + table + " o FULL JOIN " + schema.shadow() + "." + table
                + " n ON " + keys.stream().map(k -> "o." + k + " = n." + k).collect(Collectors.joining(" AND "));
        String inOld = "o." + keys.get(0) + " IS NOT NULL";
        String inNew = "n." + keys.get(0) + " IS NOT NULL";
        String changed = compared.isEmpty()
                ? "FALSE"
                : compared.stream().map(ReadModelDiff::differs).collect(Collectors.joining(" OR "));
        StringBuilder counts = new StringBuilder("SELECT count(*) FILTER (WHERE " + inOld + "), count(*) FILTER (WHERE "
                + inNew + "), count(*) FILTER (WHERE NOT " + inNew + "), count(*) FILTER (WHERE NOT " + inOld
                + "), count(*) FILTER (WHERE " + inOld + " AND " + inNew + " AND (" + changed + "))");
        for (String column : compared) {
            counts.append(", count(*) FILTER (WHERE " + inOld + " AND " + inNew + " AND " + differs(column) + ")");
        }
        return jdbc.query(counts + from, rs -> {
            rs.next();
            Map<String, Long> columns = new LinkedHashMap<>();
            for (int i = 0; i < compared.size(); i++) {
                long rows = rs.getLong(6 + i);
                if (rows > 0) {
                    columns.put(compared.get(i), rows);
                }
            }
            List<TableDiff.Sample> sample = new ArrayList<>();
            if (rs.getLong(3) > 0) {
                sample.addAll(keysOnly("only_in_old", "o", keys, from, "NOT " + inNew));
            }
            if (rs.getLong(4) > 0) {
                sample.addAll(keysOnly("only_in_new", "n", keys, from, "NOT " + inOld));
            }
            if (rs.getLong(5) > 0) {
                sample.addAll(changedRows(keys, compared, from, inOld + " AND " + inNew + " AND (" + changed + ")"));
            }
            return new TableDiff(
                    table, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), columns, sample);
        });
    }

    private List<TableDiff.Sample> keysOnly(String kind, String side, List<String> keys, String from, String where) {
        return jdbc.query(
                "SELECT " + key(side, keys) + from + " WHERE " + where + " ORDER BY 1 LIMIT " + SAMPLE,
                (rs, row) -> new TableDiff.Sample(kind, rs.getString(1), List.of()));
    }

    private List<TableDiff.Sample> changedRows(List<String> keys, List<String> compared, String from, String where) {
        String columns = compared.stream()
                .map(column -> "CASE WHEN " + differs(column) + " THEN '" + column + "' END")
                .collect(Collectors.joining(", "));
        return jdbc.query(
                "SELECT " + key("o", keys) + ", array_remove(ARRAY[" + columns + "]::text[], NULL)" + from + " WHERE "
                        + where + " ORDER BY 1 LIMIT " + SAMPLE,
                (rs, row) -> new TableDiff.Sample("changed", rs.getString(1), List.of((String[])
                        rs.getArray(2).getArray())));
    }

    private static String key(String side, List<String> keys) {
        return keys.stream().map(k -> side + "." + k + "::text").collect(Collectors.joining(" || ',' || "));
    }

    private static String differs(String column) {
        return "o." + column + "::text IS DISTINCT FROM n." + column + "::text";
    }
}
