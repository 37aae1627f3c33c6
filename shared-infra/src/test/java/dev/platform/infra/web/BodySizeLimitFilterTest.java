package dev.platform.infra.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Which requests are counted while their body is read; the 413 answers themselves: ConventionsEndToEndTest. */
class BodySizeLimitFilterTest {

    @Test
    void onlyABodyOfUndeclaredLengthIsCounted() {
        assertThat(BodySizeLimitFilter.undeclaredBody(request("HTTP/1.1", 12, null)))
                .as("declared length: Tomcat reads no further")
                .isFalse();
        assertThat(BodySizeLimitFilter.undeclaredBody(request("HTTP/1.1", 0, null)))
                .as("declared empty")
                .isFalse();
        assertThat(BodySizeLimitFilter.undeclaredBody(request("HTTP/1.1", -1, null)))
                .as("HTTP/1.1 without a length or a transfer coding: no body")
                .isFalse();
        assertThat(BodySizeLimitFilter.undeclaredBody(request("HTTP/1.0", -1, null)))
                .as("HTTP/1.0 without a length: no body")
                .isFalse();
        assertThat(BodySizeLimitFilter.undeclaredBody(request("HTTP/1.1", -1, "chunked")))
                .as("chunked")
                .isTrue();
        assertThat(BodySizeLimitFilter.undeclaredBody(request("HTTP/2.0", -1, null)))
                .as("HTTP/2 without a length")
                .isTrue();
    }

    private static MockHttpServletRequest request(String protocol, long length, String transferEncoding) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/posts");
        request.setProtocol(protocol);
        if (length >= 0) {
            request.setContent(new byte[(int) length]);
        }
        if (transferEncoding != null) {
            request.addHeader("Transfer-Encoding", transferEncoding);
        }
        return request;
    }
}
