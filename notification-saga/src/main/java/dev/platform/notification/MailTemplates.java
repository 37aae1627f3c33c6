package dev.platform.notification;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The Mustache templates of the new-post e-mail: {@code mail/new-post.txt.mustache} (the text part, nothing escaped:
 * it is plain text) and {@code mail/new-post.html.mustache} (the HTML part: every {@code {{value}}} is HTML-escaped;
 * only {@code {{{excerpt_html}}}} is not, it is cleaned to safe HTML before). A file of the same name in {@code
 * platform.notifications.templates} replaces the built-in one. Both are compiled, and rendered once with sample
 * values, at start: a broken template stops the process instead of failing every e-mail.
 */
@Component
class MailTemplates {

    static final String TEXT = "new-post.txt.mustache";
    static final String HTML = "new-post.html.mustache";

    /** The values the templates may use; a template naming another one fails at start. */
    record NewPost(String title, String excerpt, String excerptHtml, String postUrl, String unsubscribeUrl) {
        Map<String, Object> values() {
            return Map.of(
                    "title", title,
                    "excerpt", excerpt,
                    "excerpt_html", excerptHtml,
                    "post_url", postUrl,
                    "unsubscribe_url", unsubscribeUrl);
        }
    }

    private final Template text;
    private final Template html;

    MailTemplates(NotificationProperties properties) {
        Path directory = properties.templates() == null ? null : Path.of(properties.templates());
        // emptyStringIsFalse: {{#excerpt}}...{{/excerpt}} leaves out the block of a post without text.
        this.text =
                Mustache.compiler().escapeHTML(false).emptyStringIsFalse(true).compile(source(directory, TEXT));
        this.html =
                Mustache.compiler().escapeHTML(true).emptyStringIsFalse(true).compile(source(directory, HTML));
        NewPost sample =
                new NewPost("Title", "Words.", "<p>Words.</p>", "https://example.com/p", "https://example.com/u");
        text(sample);
        html(sample);
    }

    String text(NewPost post) {
        return text.execute(post.values());
    }

    String html(NewPost post) {
        return html.execute(post.values());
    }

    /** The template {@code name}: the file of that name in {@code directory} if there is one, else the built-in. */
    static String source(Path directory, String name) {
        try {
            if (directory != null && Files.isRegularFile(directory.resolve(name))) {
                return Files.readString(directory.resolve(name), StandardCharsets.UTF_8);
            }
            try (InputStream in = new ClassPathResource("mail/" + name).getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the e-mail template " + name, e);
        }
    }
}
