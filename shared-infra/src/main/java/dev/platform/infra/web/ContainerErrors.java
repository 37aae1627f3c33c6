package dev.platform.infra.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.platform.api.common.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * The contract's error body for what Tomcat refuses before any filter of ours runs: a URL it cannot decode
 * ({@code %00}, an encoded slash or backslash, bytes that are no UTF-8) or a request line or header that is too
 * large. Tomcat answers those itself through its error report valve, with an HTML page and without a request id;
 * this replaces that valve (Spring Boot's own included) with one that writes the JSON body and an
 * {@code X-Request-Id}.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class ContainerErrors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            var host = (StandardHost) context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            // The host adds a valve of this class at start unless it finds one: Tomcat's own otherwise.
            host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            host.getPipeline().addValve(new JsonErrorReportValve());
        });
    }

    /** Writes the error body for an error status that nothing wrote a body for. */
    public static final class JsonErrorReportValve extends ErrorReportValve {

        private static final ObjectMapper JSON =
                new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

        public JsonErrorReportValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0) {
                return;
            }
            String requestId = response.getHeader(RequestIds.HEADER);
            if (requestId == null) {
                requestId = RequestIds.accept(offeredRequestId(request));
                response.setHeader(RequestIds.HEADER, requestId);
            }
            ApiError body = body(status, response.getMessage(), requestId);
            try {
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.getOutputStream().write(JSON.writeValueAsBytes(body));
                response.flushBuffer();
            } catch (IOException | IllegalStateException e) {
                // The client is gone, or the response was taken meanwhile: nothing more to say.
            }
        }

        /** The body of a 400 for a request Tomcat could not read, as JSON. */
        static byte[] unreadableRequest(String requestId) throws IOException {
            return JSON.writeValueAsBytes(body(400, null, requestId));
        }

        /** The caller's request id, when Tomcat got as far as reading the headers. */
        private static String offeredRequestId(Request request) {
            try {
                return request.getHeader(RequestIds.HEADER);
            } catch (RuntimeException unreadable) {
                return null;
            }
        }

        static ApiError body(int status, String message, String requestId) {
            if (status == 400) {
                // Tomcat's message does not always say which part it refused: one field names both.
                return new ApiError(
                        "The request could not be read: its URL is not valid (an encoded NUL, slash or backslash,"
                                + " or bytes that are no UTF-8) or a header is malformed or too large.",
                        ErrorCode.VALIDATION_FAILED.name(),
                        Map.of(
                                "request",
                                "has a URL that cannot be decoded or a header that is malformed or too large"),
                        requestId);
            }
            ErrorCode code = switch (status) {
                case 404 -> ErrorCode.NOT_FOUND;
                case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
                case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
                case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
                case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
                default -> status < 500 ? ErrorCode.VALIDATION_FAILED : ErrorCode.INTERNAL_ERROR;
            };
            return new ApiError("The request failed.", code.name(), Map.of(), requestId);
        }
    }
}
