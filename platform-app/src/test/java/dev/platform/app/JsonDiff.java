package dev.platform.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * The differences between two JSON documents, one line per JSON pointer ("changed", "only in expected", "only in
 * actual"), so that a failing comparison of two large documents says where they differ instead of printing both.
 */
final class JsonDiff {

    private JsonDiff() {}

    static List<String> between(JsonNode expected, JsonNode actual) {
        List<String> lines = new ArrayList<>();
        compare("", expected, actual, lines);
        return lines;
    }

    private static void compare(String pointer, JsonNode expected, JsonNode actual, List<String> lines) {
        if (expected.isObject() && actual.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!actual.has(name)) {
                    lines.add("only in the checked-in file: " + child + " = " + abbreviated(expected.get(name)));
                } else if (!expected.has(name)) {
                    lines.add("only in the served one:      " + child + " = " + abbreviated(actual.get(name)));
                } else {
                    compare(child, expected.get(name), actual.get(name), lines);
                }
            }
        } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            Iterator<JsonNode> left = expected.elements();
            Iterator<JsonNode> right = actual.elements();
            for (int i = 0; left.hasNext(); i++) {
                compare(pointer + "/" + i, left.next(), right.next(), lines);
            }
        } else if (!expected.equals(actual)) {
            lines.add("changed:                     " + pointer + ": " + abbreviated(expected) + " -> "
                    + abbreviated(actual));
        }
    }

    private static String abbreviated(JsonNode node) {
        String text = node.toString();
        return text.length() <= 160 ? text : text.substring(0, 157) + "...";
    }
}
