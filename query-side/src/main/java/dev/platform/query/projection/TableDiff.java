package dev.platform.query.projection;

import java.util.List;
import java.util.Map;

/**
 * How a rebuilt table differs from the live one, by primary key: rows only in the live table ({@code only_in_old}),
 * only in the rebuilt one ({@code only_in_new}), and rows in both whose columns differ ({@code changed}), with the
 * number of changed rows per column ({@code changed_columns}, only the columns that differ) and a few examples of
 * each ({@code sample}: the key, and for a changed row its differing columns).
 */
public record TableDiff(
        String table,
        long rowsOld,
        long rowsNew,
        long onlyInOld,
        long onlyInNew,
        long changed,
        Map<String, Long> changedColumns,
        List<Sample> sample) {

    /** One row of the comparison: which side it is on ({@code only_in_old}, {@code only_in_new}, {@code changed}). */
    public record Sample(String kind, String key, List<String> columns) {}

    /** Whether the rebuilt table has exactly the live rows. */
    public boolean same() {
        return onlyInOld == 0 && onlyInNew == 0 && changed == 0;
    }
}
