package dev.platform.command.comment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.api.comment.CommentId;
import dev.platform.infra.web.FieldErrors;
import dev.platform.infra.web.TextRules;
import java.util.Optional;

/**
 * The contract's rules for comment fields, checked at the boundary before any command is sent. The content is
 * multi-line ({@link TextRules#multiLine}), taken verbatim and must have 1 to {@value #CONTENT_MAX} characters
 * (code points), not all of them whitespace.
 * The parent, when given, must be a comment id; whether it is a comment of the same post is decided with the
 * command.
 */
final class CommentRules {

    static final int CONTENT_MAX = 10_000;
    static final String CONTENT = "content";
    static final String PARENT = "parent_comment_id";
    static final String PARENT_MESSAGE = "must be the id (a UUID) of a comment on this post";

    private CommentRules() {}

    static boolean validContent(String content) {
        if (content == null || content.isBlank()) {
            return false;
        }
        return content.codePointCount(0, content.length()) <= CONTENT_MAX;
    }

    /** The content as given, or empty with an error noted. */
    static Optional<String> content(FieldErrors errors, JsonNode value) {
        if (value == null || value.isNull()) {
            errors.add(CONTENT, "is required");
            return Optional.empty();
        }
        if (!value.isTextual()) {
            errors.add(CONTENT, "must be a string");
            return Optional.empty();
        }
        if (!TextRules.multiLine(errors, CONTENT, value.textValue())) {
            return Optional.empty();
        }
        if (!validContent(value.textValue())) {
            errors.add(CONTENT, "must be 1 to " + CONTENT_MAX + " characters, not only whitespace");
            return Optional.empty();
        }
        return Optional.of(value.textValue());
    }

    /** The parent comment's id; empty for a top-level comment (absent or null) or with an error noted. */
    static Optional<CommentId> parent(FieldErrors errors, JsonNode value) {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isTextual()) {
            try {
                return Optional.of(CommentId.of(value.textValue()));
            } catch (IllegalArgumentException notAnId) {
                errors.add(PARENT, PARENT_MESSAGE);
                return Optional.empty();
            }
        }
        errors.add(PARENT, PARENT_MESSAGE);
        return Optional.empty();
    }
}
