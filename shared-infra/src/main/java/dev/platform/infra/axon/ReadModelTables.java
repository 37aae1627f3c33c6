package dev.platform.infra.axon;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The tables a processing group owns and can rebuild beside the live ones: their rows follow from the events the
 * group handles. A module declares one bean per group; a blue-green rebuild (query side, {@code projection}) builds
 * these tables anew in a schema of their own and switches them in at once. A group that declares none is rebuilt in
 * place.
 *
 * <p>Every column of these tables is the group's: the switch replaces the live rows with the rebuilt ones whole, so
 * a column something else keeps up to date (as analytics kept {@code post_view.view_count} until issue 17 moved it to
 * a table of its own) would lose what was written to the live rows while the rebuild ran. A table that something else
 * writes whole rows of (such as {@code notification_delivery}, which the mail workers write) does not belong here
 * either: the switch would lose those rows.
 */
public record ReadModelTables(String group, List<String> tables) {

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    public ReadModelTables {
        tables = List.copyOf(tables);
        // The names go into DDL and SQL as identifiers: only plain lower-case names.
        for (String table : tables) {
            requirePlain(table);
        }
    }

    public static ReadModelTables of(String group, String... tables) {
        return new ReadModelTables(group, List.of(tables));
    }

    private static void requirePlain(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain lower-case name: " + name);
        }
    }
}
