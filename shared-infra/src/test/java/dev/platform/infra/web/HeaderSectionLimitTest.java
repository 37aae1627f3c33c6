package dev.platform.infra.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The header section counted as Tomcat's buffer holds it, and refused past 8 KB with the contract's 400. */
class HeaderSectionLimitTest {

    private final HeaderSectionLimit filter = new HeaderSectionLimit();

    @Test
    void theRequestLineAndEveryHeaderLineAreCountedWithTheirLineEnds() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/x");
        request.setProtocol("HTTP/1.1");
        request.addHeader("A", "value");
        // "GET /api/v1/x HTTP/1.1\r\n" (24) + "A: value\r\n" (10) + "\r\n" (2)
        assertThat(HeaderSectionLimit.size(request)).isEqualTo(36);

        request.setQueryString("limit=20");
        request.addHeader("A", "second");
        // the query with its '?' (9), and a second line of the same header (11)
        assertThat(HeaderSectionLimit.size(request)).isEqualTo(56);
    }

    @Test
    void eightKilobytesPassAndOneByteMoreIsRefusedWithTheErrorBody() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/x");
        request.setProtocol("HTTP/1.1");
        // 24 + 2 for the line and the end; the header line costs its value + "B: " and "\r\n" (5)
        request.addHeader("B", "b".repeat(HeaderSectionLimit.LIMIT - 24 - 2 - 5));
        assertThat(HeaderSectionLimit.size(request)).isEqualTo(HeaderSectionLimit.LIMIT);
        MockHttpServletResponse passed = new MockHttpServletResponse();
        boolean[] reached = {false};
        filter.doFilter(request, passed, (req, res) -> reached[0] = true);
        assertThat(reached[0]).isTrue();

        MockHttpServletRequest larger = new MockHttpServletRequest("GET", "/api/v1/x");
        larger.setProtocol("HTTP/1.1");
        larger.addHeader("B", "b".repeat(HeaderSectionLimit.LIMIT - 24 - 2 - 5 + 1));
        MockHttpServletResponse refused = new MockHttpServletResponse();
        refused.setHeader(RequestIds.HEADER, "req-1");
        reached[0] = false;
        filter.doFilter(larger, refused, (req, res) -> reached[0] = true);
        assertThat(reached[0]).isFalse();
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentType()).startsWith("application/json");
        assertThat(refused.getContentAsString())
                .contains("\"code\":\"VALIDATION_FAILED\"", "\"request\":", "\"correlation_id\":\"req-1\"");
    }
}
