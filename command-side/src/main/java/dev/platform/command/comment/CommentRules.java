package dev.platform.command.comment;

import dev.platform.infra.web.TextRules;
import dev.platform.infra.web.body.FieldRule;

/**
 * The contract's rules for comment fields, checked at the boundary before any command is sent (through the
 * constraints of {@link AddCommentRequest}). The content is multi-line ({@link TextRules.Kind#MULTI_LINE}), taken
 * verbatim and must have 1 to {@value #CONTENT_MAX} characters (code points), not all of them whitespace.
 * The parent, when given, must be a comment id; whether it is a comment of the same post is decided with the
 * command.
 */
final class CommentRules {

    static final int CONTENT_MAX = 10_000;
    static final String PARENT_MESSAGE = "must be the id (a UUID) of a comment on this post";

    private CommentRules() {}

    static boolean validContent(String content) {
        if (content == null || content.isBlank()) {
            return false;
        }
        return content.codePointCount(0, content.length()) <= CONTENT_MAX;
    }

    /** The length of a comment's content, not only whitespace. */
    static final class Content implements FieldRule {
        @Override
        public String problem(String content) {
            return validContent(content) ? null : "must be 1 to " + CONTENT_MAX + " characters, not only whitespace";
        }
    }
}
