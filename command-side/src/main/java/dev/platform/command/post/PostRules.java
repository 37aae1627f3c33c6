package dev.platform.command.post;

import dev.platform.infra.web.TextRules;
import dev.platform.infra.web.body.FieldRule;

/**
 * The contract's rules for post fields, checked at the boundary before any command is sent (through the
 * constraints of {@link CreatePostRequest} and {@link UpdatePostRequest}). Lengths count characters (code points).
 * A title is trimmed (by its request record), then must be one line ({@link TextRules.Kind#SINGLE_LINE}: the
 * whitespace around it, line breaks included, goes with the trimming) of 1 to 200 of them; a content is multi-line
 * ({@link TextRules.Kind#MULTI_LINE}) and taken verbatim, 1 to 100,000 of them.
 */
final class PostRules {

    static final int TITLE_MAX = 200;
    static final int CONTENT_MAX = 100_000;
    static final String STATUS = "must be \"published\" or \"draft\"";
    static final String STATUS_NAMES = "published|draft";

    private PostRules() {}

    /** The length of a trimmed title. */
    static final class Title implements FieldRule {
        @Override
        public String problem(String title) {
            int length = title.codePointCount(0, title.length());
            return length < 1 || length > TITLE_MAX ? "must be 1 to " + TITLE_MAX + " characters after trimming" : null;
        }
    }

    /** The length of a content. */
    static final class Content implements FieldRule {
        @Override
        public String problem(String content) {
            int length = content.codePointCount(0, content.length());
            return length < 1 || length > CONTENT_MAX ? "must be 1 to " + CONTENT_MAX + " characters" : null;
        }
    }
}
