package dev.platform.infra.web;

import dev.platform.api.common.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bodies over 1 MiB get 413: at once when the declared length says so, else as soon as reading passes the
 * limit (the message converter then fails with {@link PayloadTooLarge} as its cause).
 *
 * <p>Only a body of undeclared length is counted while it is read: Tomcat never reads past a declared {@code
 * Content-Length}, and an HTTP/1 request with neither that nor a {@code Transfer-Encoding} has no body. Every other
 * request goes on unwrapped, since each wrapper is one more step of every call on the request (its attributes above
 * all: Spring reads and sets dozens per request).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class BodySizeLimitFilter extends OncePerRequestFilter {

    static final long LIMIT = 1024 * 1024;

    private final ErrorResponses errors;

    BodySizeLimitFilter(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > LIMIT) {
            errors.write(response, ErrorCode.PAYLOAD_TOO_LARGE, PayloadTooLarge.DETAIL);
            return;
        }
        chain.doFilter(undeclaredBody(request) ? new LimitedRequest(request) : request, response);
    }

    /** Whether the request may have a body whose length it did not declare (chunked, or over HTTP/2). */
    static boolean undeclaredBody(HttpServletRequest request) {
        return request.getContentLengthLong() < 0
                && (request.getHeader("Transfer-Encoding") != null
                        || !request.getProtocol().startsWith("HTTP/1"));
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream());
            }
            return stream;
        }
    }

    private static final class LimitedStream extends ServletInputStream {
        private final ServletInputStream delegate;
        private long read;

        LimitedStream(ServletInputStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws PayloadTooLarge {
            read += n;
            if (read > LIMIT) {
                throw new PayloadTooLarge(LIMIT);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
