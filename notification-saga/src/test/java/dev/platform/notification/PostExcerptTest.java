package dev.platform.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class PostExcerptTest {

    @Test
    void markdownIsRenderedForHtmlAndReducedToItsWordsForText() {
        PostExcerpt excerpt = PostExcerpt.of(
                "# Launch\n\nWe are **live**, see [the notes](https://example.com/n).\n\n" + "- one\n- two");

        assertThat(excerpt.text()).isEqualTo("Launch We are live, see the notes. one two");
        Document html = Jsoup.parseBodyFragment(excerpt.html());
        assertThat(html.select("strong").text()).isEqualTo("live");
        assertThat(html.select("a").attr("href")).isEqualTo("https://example.com/n");
        assertThat(html.select("li")).hasSize(2);
    }

    @Test
    void htmlContentKeepsOnlyHarmlessFormatting() {
        PostExcerpt excerpt = PostExcerpt.of(
                "<p onclick=\"alert(1)\">Hi <em>there</em></p><script>alert(2)</script>"
                        + "<style>p{}</style><iframe src=\"https://evil.example\"></iframe><a href=\"javascript:alert(3)\">x</a>");

        assertThat(excerpt.html()).doesNotContain("onclick", "script", "alert", "style", "iframe", "javascript");
        assertThat(excerpt.html()).contains("<em>there</em>");
        assertThat(excerpt.text()).isEqualTo("Hi there x");
    }

    @Test
    void aLongPostIsCutAtAWordInBothFormsAndTheHtmlStaysWellFormed() {
        String words = "word ".repeat(100).strip();
        PostExcerpt excerpt = PostExcerpt.of("Intro *" + words + "* tail\n\nSecond paragraph " + words);

        assertThat(excerpt.text()).endsWith("word…").hasSizeLessThanOrEqualTo(PostExcerpt.LENGTH + 1);
        Document html = Jsoup.parseBodyFragment(excerpt.html());
        assertThat(html.text()).endsWith("word…").hasSizeLessThanOrEqualTo(PostExcerpt.LENGTH + 1);
        assertThat(html.select("p")).hasSize(1);
        assertThat(excerpt.html()).startsWith("<p>Intro <em>").endsWith("</em></p>");
    }

    @Test
    void aShortPostIsWhole() {
        assertThat(PostExcerpt.of("Just this.")).isEqualTo(new PostExcerpt("Just this.", "<p>Just this.</p>"));
    }
}
