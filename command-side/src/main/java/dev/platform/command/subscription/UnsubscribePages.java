package dev.platform.command.subscription;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.HtmlUtils;

/**
 * The two small HTML pages of the unsubscribe link. Every value in them is escaped; they run no script and load
 * nothing (the Content-Security-Policy says so to the browser), and the token in their URL is kept out of
 * Referer headers and caches.
 */
final class UnsubscribePages {

    private UnsubscribePages() {}

    static String confirm(String token) {
        return page(
                "Unsubscribe",
                "<p>Stop the e-mails about new posts of this creator?</p>\n"
                        + "<form method=\"post\" action=\"?token=" + HtmlUtils.htmlEscape(token) + "\">\n"
                        + "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">\n"
                        + "<button type=\"submit\">Unsubscribe</button>\n"
                        + "</form>");
    }

    static String done() {
        return page(
                "Unsubscribed",
                "<p>You are unsubscribed: you get no more e-mails about this creator's new posts.</p>\n"
                        + "<p>Changed your mind? Subscribe again from the creator's page.</p>");
    }

    static ResponseEntity<String> answer(String html) {
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", "default-src 'none'; form-action 'self'; frame-ancestors 'none'")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .body(html);
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + HtmlUtils.htmlEscape(title) + "</title>\n</head>\n<body>\n<h1>"
                + HtmlUtils.htmlEscape(title) + "</h1>\n" + body + "\n</body>\n</html>\n";
    }
}
