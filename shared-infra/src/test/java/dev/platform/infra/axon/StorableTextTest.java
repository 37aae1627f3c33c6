package dev.platform.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorableTextTest {

    @Test
    void textWithoutForbiddenCharactersIsTheSameInstance() {
        String text = "Grüße, 世界 \uD83D\uDE00\ttab\nline";
        assertThat(StorableText.of(text, "content", "p")).isSameAs(text);
    }

    @Test
    void removesNulCharacters() {
        assertThat(StorableText.of("a\u0000b\u0000", "content", "p")).isEqualTo("ab");
    }

    @Test
    void removesUnpairedSurrogatesAndKeepsPairedOnes() {
        assertThat(StorableText.of("x\uD83Dy", "title", "p")).isEqualTo("xy");
        assertThat(StorableText.of("x\uDE00y", "title", "p")).isEqualTo("xy");
        assertThat(StorableText.of("\uDE00\uD83D", "title", "p")).isEmpty();
        assertThat(StorableText.of("\uD83D\uDE00\uD83D", "title", "p")).isEqualTo("\uD83D\uDE00");
    }

    @Test
    void nullStaysNull() {
        assertThat(StorableText.of(null, "bio", "u")).isNull();
    }
}
