package dev.platform.notification;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Safelist;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The start of a post for its e-mails, once as plain text and once as safe HTML, both cut at a word after about
 * {@link #LENGTH} characters of text. A post's content is Markdown or HTML (the API stores it verbatim): CommonMark
 * renders it (raw HTML passes through, as CommonMark says), then jsoup's {@link Safelist#basic()} keeps only
 * harmless formatting (paragraphs, emphasis, lists, quotes, code, links with {@code rel="nofollow"} to http(s) and
 * mailto): no script, style, event handler, image or form survives, and neither does the text of a script. Made
 * once per publication (by the audience), not once per e-mail.
 *
 * @param text the words without any markup, whitespace collapsed, for the text part
 * @param html the same start as safe HTML, for the HTML part
 */
record PostExcerpt(String text, String html) {

    static final int LENGTH = 280;

    private static final Parser MARKDOWN = Parser.builder().build();
    private static final HtmlRenderer RENDERER =
            HtmlRenderer.builder().sanitizeUrls(true).build();

    static PostExcerpt of(String content) {
        String rendered = RENDERER.render(MARKDOWN.parse(content));
        Document safe = Jsoup.parseBodyFragment(Jsoup.clean(rendered, Safelist.basic()));
        safe.outputSettings().prettyPrint(false);
        String text = safe.body().text().replaceAll("\\s+", " ").strip();
        Element body = safe.body();
        cut(body, LENGTH);
        return new PostExcerpt(cutText(text, LENGTH), body.html().strip());
    }

    /** Plain text cut at the last space before {@code length} (when that keeps at least half), with an ellipsis. */
    static String cutText(String text, int length) {
        if (text.length() <= length) {
            return text;
        }
        int cut = text.lastIndexOf(' ', length);
        return text.substring(0, cut > length / 2 ? cut : length) + "…";
    }

    /**
     * Keeps the HTML up to {@code length} characters of text: the text node where the budget runs out is cut like
     * {@link #cutText}, everything after it goes. The elements around the cut stay, so the HTML stays well formed.
     */
    private static void cut(Element body, int length) {
        List<Node> after = new ArrayList<>();
        NodeTraversor.traverse(
                new NodeVisitor() {
                    int used;
                    boolean full;

                    @Override
                    public void head(Node node, int depth) {
                        if (full) {
                            after.add(node);
                        } else if (node instanceof TextNode textNode) {
                            String words = textNode.text();
                            if (used + words.length() > length) {
                                textNode.text(cutText(words, Math.max(length - used, 0))
                                        .stripTrailing());
                                full = true;
                            }
                            used += words.length();
                        }
                    }

                    @Override
                    public void tail(Node node, int depth) {}
                },
                body);
        // Descendants of a removed node are removed with it; removing them again from it does no harm.
        after.forEach(Node::remove);
    }
}
