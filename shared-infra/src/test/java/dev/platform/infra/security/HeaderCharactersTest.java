package dev.platform.infra.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * {@link HeaderCharacters} accepts exactly what Spring Security's default firewall patterns accept: every code point
 * alone (and every lone surrogate), then random strings mixing printable ASCII, tabs, controls, unassigned code
 * points, surrogate pairs and lone surrogates.
 */
class HeaderCharactersTest {

    /** The patterns of {@code StrictHttpFirewall}'s defaults (Spring Security 6.5), copied as they are. */
    private static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    private static final Pattern VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    private static void sameAsThePatterns(String text) {
        assertThat(HeaderCharacters.NAMES.test(text))
                .as("name %s", text.codePoints().boxed().toList())
                .isEqualTo(NAMES.matcher(text).matches());
        assertThat(HeaderCharacters.VALUES.test(text))
                .as("value %s", text.codePoints().boxed().toList())
                .isEqualTo(VALUES.matcher(text).matches());
    }

    @Test
    void everyCodePointAloneIsJudgedAsThePatternsJudgeIt() {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            sameAsThePatterns(new String(Character.toChars(codePoint)));
        }
    }

    @Test
    void mixedStringsAreJudgedAsThePatternsJudgeThem() {
        Random random = new Random(17);
        int[] specials = {'\t', '\n', '\r', 0, 0x7f, 0x85, 0x9f, 0xa0, 0x378, 0xd800, 0xdfff, 0xfffe, 0xe0001, 0x10ffff
        };
        int rejected = 0;
        for (int n = 0; n < 100_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                switch (random.nextInt(4)) {
                    case 0, 1 -> text.append((char) (0x20 + random.nextInt(0x5f)));
                    case 2 -> text.appendCodePoint(specials[random.nextInt(specials.length)]);
                    default -> text.appendCodePoint(random.nextInt(Character.MAX_CODE_POINT + 1));
                }
            }
            sameAsThePatterns(text.toString());
            if (!VALUES.matcher(text).matches()) {
                rejected++;
            }
        }
        assertThat(rejected).as("strings the patterns refuse").isGreaterThan(10_000);
    }

    @Test
    void theFirewallUsesThem() {
        StrictHttpFirewall firewall = HeaderCharacters.firewall();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/posts");
        request.addHeader("X-Ok", "a\tb");
        request.addHeader("X-Bad", "a\u0001b");
        FirewalledRequest firewalled = firewall.getFirewalledRequest(request);

        assertThat(firewalled.getHeader("X-Ok")).isEqualTo("a\tb");
        assertThatThrownBy(() -> firewalled.getHeader("X-Bad")).isInstanceOf(RequestRejectedException.class);
    }
}
