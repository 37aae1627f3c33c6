package dev.platform.command.post;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.api.post.PostStatus;
import dev.platform.infra.web.FieldErrors;
import dev.platform.infra.web.TextRules;
import java.util.Optional;

/**
 * The contract's rules for post fields, checked at the boundary before any command is sent. Lengths count
 * characters (code points). A title is trimmed, then must be one line ({@link TextRules#singleLine}: the
 * whitespace around it, line breaks included, goes with the trimming) of 1 to 200 of them; a content is
 * multi-line ({@link TextRules#multiLine}) and taken verbatim, 1 to 100,000 of them.
 */
final class PostRules {

    static final int TITLE_MAX = 200;
    static final int CONTENT_MAX = 100_000;

    private PostRules() {}

    /** The trimmed title, or empty with an error noted. */
    static Optional<String> title(FieldErrors errors, JsonNode value) {
        if (value == null) {
            errors.add("title", "is required");
            return Optional.empty();
        }
        if (!value.isTextual()) {
            errors.add("title", "must be a string");
            return Optional.empty();
        }
        String title = value.textValue().strip();
        if (!TextRules.singleLine(errors, "title", title)) {
            return Optional.empty();
        }
        int length = title.codePointCount(0, title.length());
        if (length < 1 || length > TITLE_MAX) {
            errors.add("title", "must be 1 to " + TITLE_MAX + " characters after trimming");
            return Optional.empty();
        }
        return Optional.of(title);
    }

    /** The content as given, or empty with an error noted. */
    static Optional<String> content(FieldErrors errors, JsonNode value) {
        if (value == null) {
            errors.add("content", "is required");
            return Optional.empty();
        }
        if (!value.isTextual()) {
            errors.add("content", "must be a string");
            return Optional.empty();
        }
        String content = value.textValue();
        if (!TextRules.multiLine(errors, "content", content)) {
            return Optional.empty();
        }
        int length = content.codePointCount(0, content.length());
        if (length < 1 || length > CONTENT_MAX) {
            errors.add("content", "must be 1 to " + CONTENT_MAX + " characters");
            return Optional.empty();
        }
        return Optional.of(content);
    }

    /** The requested status, or empty with an error noted. */
    static Optional<PostStatus> status(FieldErrors errors, JsonNode value) {
        Optional<PostStatus> status =
                value != null && value.isTextual() ? PostStatus.fromApiName(value.textValue()) : Optional.empty();
        if (status.isEmpty()) {
            errors.add("status", "must be \"published\" or \"draft\"");
        }
        return status;
    }
}
