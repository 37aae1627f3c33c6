package dev.platform.app;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Plain JDBC on a test database: to look behind the API (event store, read models) and to tamper with it. */
final class Sql {

    private Sql() {}

    /** Each row as the text of its columns joined by {@code |} ({@code null} for SQL NULL), in query order. */
    static List<String> rows(String url, String sql, Object... arguments) {
        try (Connection connection = connect(url);
                PreparedStatement statement = prepare(connection, sql, arguments);
                ResultSet rs = statement.executeQuery()) {
            List<String> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int column = 1; column <= columns; column++) {
                    row.append(column > 1 ? "|" : "").append(rs.getString(column));
                }
                rows.add(row.toString());
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first column of the first row as a number (a count, a max). */
    static long number(String url, String sql, Object... arguments) {
        return Long.parseLong(rows(url, sql, arguments).get(0));
    }

    static int update(String url, String sql, Object... arguments) {
        try (Connection connection = connect(url);
                PreparedStatement statement = prepare(connection, sql, arguments)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /**
     * A fault: a trigger that refuses the first {@code times} rows written to {@code table} whose {@code column} is
     * {@code value}, counted by a sequence (no rollback undoes {@code nextval}); answers the sequence's name, whose
     * {@code last_value} tells how often such a row was tried.
     */
    static String failRows(String url, String table, String column, String value, int times) {
        String name = "fault_" + UUID.randomUUID().toString().replace("-", "");
        update(url, "CREATE SEQUENCE " + name);
        update(
                url,
                "CREATE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " IF NEW." + column + " = '" + value + "' AND nextval('" + name + "') <= " + times
                        + " THEN RAISE EXCEPTION 'injected fault %', currval('" + name + "'); END IF;"
                        + " RETURN NEW; END $$");
        update(
                url,
                "CREATE TRIGGER " + name + " BEFORE INSERT OR UPDATE ON " + table + " FOR EACH ROW EXECUTE FUNCTION "
                        + name + "()");
        return name;
    }

    /** The position of the newest event in the store, 0 when it is empty. */
    static long head(String url) {
        return number(url, "SELECT coalesce(max(global_index), 0) FROM domain_event_entry");
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password());
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... arguments)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < arguments.length; i++) {
            statement.setObject(i + 1, arguments[i]);
        }
        return statement;
    }
}
