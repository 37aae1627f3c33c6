package dev.platform.app;

import java.util.List;

/**
 * One generated request: the endpoint it aims at ({@code PUT /api/v1/posts/{id}}), the method and path actually
 * sent (the path percent-encoded, with its query), the headers and the body.
 *
 * @param headers headers in sending order; one with a {@code null} value is deliberately left out
 */
record FuzzRequest(String endpoint, String method, String path, List<FuzzRequest.Header> headers, FuzzJson.Body body) {

    /**
     * A header as sent, and as shown in a report (a token appears as the shell variable of its user, since it
     * expires with the run).
     */
    record Header(String name, String value, String shown) {
        Header(String name, String value) {
            this(name, value, value);
        }
    }

    /**
     * Whether the headers exceed what Tomcat reads (8 KB): it refuses such a request before reading any header, so
     * the answer cannot echo the caller's request id and carries a fresh one.
     */
    boolean headersTooLarge() {
        return headers.stream()
                        .filter(header -> header.value() != null)
                        .mapToInt(header ->
                                header.name().length() + header.value().length() + 4)
                        .sum()
                > 8 * 1024;
    }

    boolean hasHeader(String name) {
        return headers.stream().anyMatch(header -> header.name().equalsIgnoreCase(name));
    }

    /** Bytes a report needs to show this request: what makes an example small. */
    int size() {
        return path.length()
                + body.bytes().length
                + headers.stream()
                        .mapToInt(h -> h.shown() == null ? 0 : h.shown().length())
                        .sum();
    }

    /** A command line that sends this request again (bash; bodies shown in full up to 600 bytes). */
    String curl(String base) {
        StringBuilder command = new StringBuilder("curl -s -i -X ")
                .append(method)
                .append(" '")
                .append(base)
                .append(path)
                .append('\'');
        for (Header header : headers) {
            if (header.value() != null) {
                command.append(" -H ").append(quote(header.name() + ": " + header.shown()));
            }
        }
        byte[] bytes = body.bytes();
        if (bytes.length > 0) {
            command.append(" --data-binary ").append(quote(bytes, 600, false));
            if (bytes.length > 600) {
                command.append(" (first 600 of ").append(bytes.length).append(" bytes)");
            }
        }
        return command.toString();
    }

    private static String quote(String text) {
        return quote(FuzzJson.text(text).bytes(), Integer.MAX_VALUE, true);
    }

    /**
     * Bash's {@code $'...'} quoting: printable ASCII as it is, every other byte as {@code \xHH}; with {@code
     * variables}, {@code $NAME} stays a shell variable.
     */
    private static String quote(byte[] bytes, int limit, boolean variables) {
        StringBuilder quoted = new StringBuilder("$'");
        for (int i = 0; i < Math.min(bytes.length, limit); i++) {
            int b = bytes[i] & 0xff;
            if (b == '\'' || b == '\\') {
                quoted.append('\\').append((char) b);
            } else if (b >= 0x20 && b < 0x7f) {
                quoted.append((char) b);
            } else {
                quoted.append(String.format("\\x%02x", b));
            }
        }
        String result = quoted.append('\'').toString();
        // A token shown as $CREATOR must expand: close the quote around it.
        return variables && result.indexOf('$', 1) > 0 ? result.replaceAll("\\$([A-Z_]+)", "'\"\\$$1\"\\$'") : result;
    }
}
