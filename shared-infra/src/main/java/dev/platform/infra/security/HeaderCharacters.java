package dev.platform.infra.security;

import java.util.function.Predicate;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The characters Spring Security's {@link StrictHttpFirewall} allows in header names and values by default, checked
 * without a regular expression. The firewall's defaults are the patterns {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}
 * (names) and {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*} (values), matched against every header each time
 * the request's headers are read (Spring MVC reads them for every body): 6 % of a {@code POST /posts} request
 * thread in the benchmark's profile. These predicates accept exactly the same strings (a property test holds them
 * to the patterns), taking printable ASCII, nearly every header's every character, without a look-up.
 */
final class HeaderCharacters {

    /** Header names: assigned code points that are no control character. */
    static final Predicate<String> NAMES = name -> allowed(name, false);

    /** Header values: the same, and the horizontal tab. */
    static final Predicate<String> VALUES = value -> allowed(value, true);

    private HeaderCharacters() {}

    static boolean allowed(String text, boolean tab) {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                i++;
                continue;
            }
            if (c == '\t' && tab) {
                i++;
                continue;
            }
            int codePoint = text.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || type == Character.CONTROL) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }

    /** The default firewall with these predicates for header names and values, its other rules unchanged. */
    static StrictHttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(NAMES);
        firewall.setAllowedHeaderValues(VALUES);
        return firewall;
    }
}
