package dev.platform.infra.axon;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The tables a processing group owns and can rebuild beside the live ones: their rows follow from the events the
 * group handles. A module declares one bean per group; a blue-green rebuild (query side, {@code projection}) builds
 * these tables anew in a schema of their own and switches them in at once. A group that declares none is rebuilt in
 * place.
 *
 * <p>{@code carried} names the columns, as {@code table.column}, that something besides the group keeps up to date
 * (such as {@code post_view.view_count}, which analytics counts): the switch copies them from the live rows, since
 * the rebuilt rows miss what was written to the live ones while they were built, and the comparison before the
 * switch leaves them out. A table that something else writes whole rows of (such as {@code notification_delivery},
 * which the mail workers write) does not belong here at all: the switch would lose those rows.
 */
public record ReadModelTables(String group, List<String> tables, List<String> carried) {

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    public ReadModelTables {
        tables = List.copyOf(tables);
        carried = List.copyOf(carried);
        // The names go into DDL and SQL as identifiers: only plain lower-case names.
        for (String table : tables) {
            requirePlain(table);
        }
        for (String column : carried) {
            String[] parts = column.split("\\.", -1);
            if (parts.length != 2 || !tables.contains(parts[0])) {
                throw new IllegalArgumentException("not a column of this group's tables: " + column);
            }
            requirePlain(parts[1]);
        }
    }

    public static ReadModelTables of(String group, String... tables) {
        return new ReadModelTables(group, List.of(tables), List.of());
    }

    /** These tables, with these columns ({@code table.column}) kept up to date by someone else. */
    public ReadModelTables carrying(String... columns) {
        return new ReadModelTables(group, tables, List.of(columns));
    }

    /** The carried columns of one table. */
    public List<String> carriedOf(String table) {
        return carried.stream()
                .filter(column -> column.startsWith(table + "."))
                .map(column -> column.substring(table.length() + 1))
                .toList();
    }

    private static void requirePlain(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain lower-case name: " + name);
        }
    }
}
