package dev.platform.infra.web;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriUtils;

/**
 * The targets of a list answer's {@code Link} header (RFC 8288): the request's own path with the list's filter
 * parameters as the request gave them and the window's parameters set anew. Parameters the list does
 * not read are left out: they change nothing, and copied into three links a long one would swell the header past
 * what the server may send. Targets are relative (path and query, like {@code Location}), so they resolve against
 * whatever host or gateway the client called. Names and values are encoded strictly (also {@code ,} and {@code ;}),
 * so a target never breaks the header's list syntax.
 */
final class PageLinks {

    static final String HEADER = "Link";

    private final String path;
    private final List<Map.Entry<String, String>> kept;
    private final StringJoiner links = new StringJoiner(", ");

    private PageLinks(String path, List<Map.Entry<String, String>> kept) {
        this.path = path;
        this.kept = kept;
    }

    /**
     * The links of the request being handled, keeping its values of the parameters named in {@code filters} (in
     * that order). Each is asked for by name: the firewall's request checks every parameter name when the whole map
     * is read, and refuses (an exception, so a 500 here) names the list never reads.
     */
    static PageLinks ofCurrentRequest(List<String> filters) {
        HttpServletRequest request =
                ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
        List<Map.Entry<String, String>> kept = new ArrayList<>();
        for (String name : filters) {
            String[] values = request.getParameterValues(name);
            for (String value : values == null ? new String[0] : values) {
                kept.add(Map.entry(name, value));
            }
        }
        return new PageLinks(request.getRequestURI(), kept);
    }

    /**
     * Adds the link of relation {@code rel} to the window these parameters describe (written last, in this order;
     * a kept parameter of the same name gives way to it).
     */
    void add(String rel, Map<String, Object> window) {
        StringJoiner query = new StringJoiner("&");
        kept.stream()
                .filter(parameter -> !window.containsKey(parameter.getKey()))
                .forEach(parameter -> query.add(encode(parameter.getKey()) + "=" + encode(parameter.getValue())));
        window.forEach((name, value) -> query.add(encode(name) + "=" + encode(String.valueOf(value))));
        links.add("<" + path + "?" + query + ">; rel=\"" + rel + "\"");
    }

    /** The header's value. */
    String header() {
        return links.toString();
    }

    /** Two window parameters, in this order. */
    static Map<String, Object> window(String name, Object value, String otherName, Object otherValue) {
        LinkedHashMap<String, Object> window = new LinkedHashMap<>();
        window.put(name, value);
        window.put(otherName, otherValue);
        return window;
    }

    private static String encode(String text) {
        return UriUtils.encode(text, StandardCharsets.UTF_8);
    }
}
