package dev.platform.infra.web;

import dev.platform.api.common.ExpectedVersion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The entity tags of the API's versioned resources (posts and users) and the conditional headers that carry them
 * (RFC 9110, sections 8.8.3 and 13.1). A tag is strong and reads {@code "<version>"} or
 * {@code "<version>.<variant>"}: the version is the aggregate's version (the sequence number of its last event),
 * the variant names whatever else the representation depends on (a post's view count, whether a profile shows its
 * e-mail). Clients treat tags as opaque; only this class writes and reads them.
 */
public final class EntityTags {

    /** The opaque tags this API issues, without their quotes: the version, then an optional variant. */
    private static final Pattern OURS = Pattern.compile("(0|[1-9][0-9]{0,17})(?:\\.[A-Za-z0-9]+)?");

    private static final Pattern VARIANT = Pattern.compile("[A-Za-z0-9]+");

    private EntityTags() {}

    /** The tag of a representation that depends on the aggregate's version alone. */
    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** The tag of a representation that depends on the aggregate's version and on {@code variant}. */
    public static String of(long version, String variant) {
        if (!VARIANT.matcher(variant).matches()) {
            throw new IllegalArgumentException("a variant is letters and digits: " + variant);
        }
        return "\"" + version + "." + variant + "\"";
    }

    /**
     * Whether an {@code If-None-Match} header names the current representation, whose tag is {@code current}:
     * {@code *} (there is one), or a list holding its tag, compared weakly (a {@code W/} prefix is ignored). A
     * header that is no list of entity tags names nothing: the full answer does no harm.
     */
    public static boolean noneMatchHits(String header, String current) {
        if (header == null) {
            return false;
        }
        if (header.strip().equals("*")) {
            return true;
        }
        List<Tag> tags = parse(header);
        return tags != null && tags.stream().anyMatch(tag -> tag.opaque().equals(current));
    }

    /**
     * The versions an {@code If-Match} header allows a write to change: empty for {@code *} (any version of a
     * resource that exists); otherwise the versions its strong tags of this API name. A weak tag, or one this API
     * never issued, names no version (an {@code If-Match} compares strongly), so a list of only those refuses the
     * write. A header that is no list of entity tags is a 400: guessing what it meant could let a write through.
     */
    public static Optional<ExpectedVersion> expectedVersions(String header) {
        if (header.strip().equals("*")) {
            return Optional.empty();
        }
        List<Tag> tags = parse(header);
        if (tags == null || tags.isEmpty()) {
            throw FieldErrors.failure("If-Match", "must be * or a list of entity tags as the ETag header gives them");
        }
        Set<Long> versions = new HashSet<>();
        for (Tag tag : tags) {
            Matcher ours = OURS.matcher(tag.opaque().substring(1, tag.opaque().length() - 1));
            if (!tag.weak() && ours.matches()) {
                versions.add(Long.parseLong(ours.group(1)));
            }
        }
        return Optional.of(new ExpectedVersion(versions));
    }

    /** One entity tag of a list; {@code opaque} with its quotes. */
    private record Tag(boolean weak, String opaque) {}

    /** The tags of a {@code #entity-tag} list (empty elements allowed, as RFC 9110 5.6.1 says), or null if malformed. */
    private static List<Tag> parse(String header) {
        List<Tag> tags = new ArrayList<>();
        int n = header.length();
        int i = 0;
        while (i < n) {
            char c = header.charAt(i);
            if (c == ' ' || c == '\t' || c == ',') {
                i++;
                continue;
            }
            boolean weak = header.startsWith("W/", i);
            int open = weak ? i + 2 : i;
            if (open >= n || header.charAt(open) != '"') {
                return null;
            }
            int close = open + 1;
            while (close < n && isTagCharacter(header.charAt(close))) {
                close++;
            }
            if (close >= n || header.charAt(close) != '"') {
                return null;
            }
            tags.add(new Tag(weak, header.substring(open, close + 1)));
            i = close + 1;
            while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == '\t')) {
                i++;
            }
            if (i < n && header.charAt(i) != ',') {
                return null;
            }
        }
        return tags;
    }

    /** RFC 9110's etagc: any visible character but the double quote, and obs-text (headers arrive as Latin-1). */
    private static boolean isTagCharacter(char c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x7E) || (c >= 0x80 && c <= 0xFF);
    }
}
