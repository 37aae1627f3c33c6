package dev.platform.infra.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request whose request line and headers take more than {@value #LIMIT} bytes is refused with the contract's 400
 * ({@code VALIDATION_FAILED}, {@code field_errors.request}), as Tomcat refused it before, but after the request has
 * been read. Tomcat refuses a header section over its own limit while reading it, answers and closes the connection
 * with the rest of the request unread; the kernel then resets the connection, and a client still sending (a body
 * after large headers) could lose the answer before reading it (seen in the fuzz suite: "header parser received no
 * bytes"). So Tomcat's limit is set well above this one ({@code server.max-http-request-header-size},
 * platform-defaults.yml) and this filter, right after the request id's, applies the documented 8 KB; Tomcat then
 * reads and discards the body of the refused request and the answer arrives. Counted as Tomcat counts its buffer:
 * the request line and every header line with their line ends (header values are read as ISO-8859-1, one byte a
 * character).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class HeaderSectionLimit extends OncePerRequestFilter {

    static final int LIMIT = 8 * 1024;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (size(request) > LIMIT) {
            byte[] body = ContainerErrors.JsonErrorReportValve.unreadableRequest(response.getHeader(RequestIds.HEADER));
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            return;
        }
        chain.doFilter(request, response);
    }

    /** The request line and the header lines, with their line ends and the empty line that ends them. */
    static long size(HttpServletRequest request) {
        String query = request.getQueryString();
        long size = request.getMethod().length()
                + 1
                + request.getRequestURI().length()
                + (query == null ? 0 : query.length() + 1)
                + 1
                + request.getProtocol().length()
                + 2
                + 2;
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            for (Enumeration<String> values = request.getHeaders(name); values.hasMoreElements(); ) {
                size += name.length() + 2 + values.nextElement().length() + 2;
            }
        }
        return size;
    }
}
