package dev.platform.infra.axon;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Text from an event made fit for a read-model column. PostgreSQL refuses the NUL character in {@code text}, and
 * an unpaired surrogate cannot be encoded in UTF-8. The API refuses both at the edge, but events stored before it
 * did may carry them: rather than parking such an event for ever, the projection stores the text without those
 * characters and logs a warning naming the event. The event itself stays as it was.
 */
public final class StorableText {

    private static final Logger log = LoggerFactory.getLogger(StorableText.class);

    private StorableText() {}

    /**
     * {@code text} without NUL and unpaired surrogates; the same instance when it has none (the usual case).
     *
     * @param field and {@code owner} name the text in the warning (e.g. "content", a post's id)
     */
    public static String of(String text, String field, Object owner) {
        if (text == null || storable(text)) {
            return text;
        }
        StringBuilder kept = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                kept.append(c).append(text.charAt(++i));
            } else if (c != 0 && !Character.isSurrogate(c)) {
                kept.append(c);
            }
        }
        log.warn(
                "the {} of {} holds characters a read model cannot store (NUL or an unpaired surrogate): {} of {} removed",
                field,
                owner,
                text.length() - kept.length(),
                text.length());
        return kept.toString();
    }

    private static boolean storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c)
                        || i + 1 >= text.length()
                        || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }
}
