package dev.platform.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * Checks every answer of the fuzz suite against the contract and keeps what failed, grouped into distinct
 * failures: the same status, method, endpoint, broken rule and (for a 5xx) root cause in the server's log are one
 * failure, shown by its smallest request. The server's log is read through an appender on the root logger, which
 * ties each logged exception to its request by the request id.
 */
final class FuzzFindings {

    private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int MAX_BACKGROUND_ERRORS = 20;

    /**
     * One distinct failure: its smallest request, and on which endpoints (method and template) it happened how
     * often, with the smallest case there.
     */
    static final class Finding {
        final String status;
        final String rule;
        final String cause;
        final Map<String, long[]> endpoints = new TreeMap<>();
        long caseNumber;
        FuzzRequest example;
        String answer;

        Finding(String status, String rule, String cause) {
            this.status = status;
            this.rule = rule;
            this.cause = cause;
        }

        synchronized void add(String endpoint, long caseNumber, FuzzRequest request, String answer) {
            long[] seen = endpoints.computeIfAbsent(endpoint, e -> new long[] {0, caseNumber, Long.MAX_VALUE});
            seen[0]++;
            if (request.size() < seen[2]) {
                seen[1] = caseNumber;
                seen[2] = request.size();
            }
            if (example == null || request.size() < example.size()) {
                this.example = request;
                this.caseNumber = caseNumber;
                this.answer = answer;
            }
        }

        synchronized long count() {
            return endpoints.values().stream().mapToLong(seen -> seen[0]).sum();
        }
    }

    private final Map<String, Finding> findings = new ConcurrentHashMap<>();
    private final Map<String, Map<String, AtomicInteger>> statuses = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> nanosPerEndpoint = new ConcurrentHashMap<>();
    private final Map<String, String> serverErrors = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> backgroundErrors = new ConcurrentHashMap<>();
    private final AtomicInteger answered = new AtomicInteger();
    private final ServerLog serverLog = new ServerLog();

    /** Starts reading the server's log; {@link #close()} stops it. */
    FuzzFindings open() {
        serverLog.setContext(root().getLoggerContext());
        serverLog.start();
        root().addAppender(serverLog);
        return this;
    }

    void close() {
        root().detachAppender(serverLog);
        serverLog.stop();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    int answered() {
        return answered.get();
    }

    /** Checks one answer and keeps it if it breaks a rule. */
    void answer(long caseNumber, FuzzRequest request, String sentRequestId, HttpResponse<byte[]> response, long nanos) {
        answered.incrementAndGet();
        nanosPerEndpoint
                .computeIfAbsent(request.endpoint(), e -> new AtomicLong())
                .addAndGet(nanos);
        int status = response.statusCode();
        statuses.computeIfAbsent(request.endpoint(), e -> new ConcurrentHashMap<>())
                .computeIfAbsent(status / 100 + "xx", s -> new AtomicInteger())
                .incrementAndGet();
        String text = new String(response.body(), StandardCharsets.UTF_8);
        Optional<String> requestId = response.headers().firstValue("X-Request-Id");
        List<String> broken = broken(request, sentRequestId, response, text, requestId);
        if (!broken.isEmpty()) {
            String cause = requestId
                    .map(serverErrors::get)
                    .map(FuzzFindings::signature)
                    .orElse(null);
            if (cause == null) {
                String type = response.headers().firstValue("Content-Type").orElse("no Content-Type");
                cause = "answered " + type.split(";")[0] + (text.isEmpty() ? " without a body" : "");
            }
            keep(String.valueOf(status), request, String.join("; ", broken), cause, caseNumber, abbreviate(text, 300));
        }
    }

    /** A request that got no answer (a reset connection, a time-out): a failure as well. */
    void noAnswer(long caseNumber, FuzzRequest request, Exception failure) {
        statuses.computeIfAbsent(request.endpoint(), e -> new ConcurrentHashMap<>())
                .computeIfAbsent("no answer", s -> new AtomicInteger())
                .incrementAndGet();
        keep(
                "no answer",
                request,
                "no answer",
                failure.getClass().getSimpleName(),
                caseNumber,
                String.valueOf(failure));
    }

    /** A failure found after the requests (a stalled projection, a dead letter). */
    void afterwards(String rule, String detail) {
        Finding finding = new Finding("-", rule, "");
        finding.answer = detail;
        findings.put("after " + rule, finding);
    }

    private List<String> broken(
            FuzzRequest request,
            String sentRequestId,
            HttpResponse<byte[]> response,
            String text,
            Optional<String> requestId) {
        int status = response.statusCode();
        List<String> broken = new ArrayList<>();
        if (status >= 500) {
            broken.add("server error");
        }
        if (requestId.isEmpty()) {
            broken.add("no X-Request-Id header");
        } else if (sentRequestId != null
                && SANE_REQUEST_ID.matcher(sentRequestId).matches()
                && !request.headersTooLarge()
                && !sentRequestId.equals(requestId.get())) {
            broken.add("X-Request-Id not echoed");
        }
        if (status >= 400 && !request.method().equals("HEAD")) {
            JsonNode body = parse(text);
            boolean complete = body.path("code").isTextual()
                    && !body.path("code").asText().isEmpty()
                    && body.path("detail").isTextual()
                    && body.path("correlation_id").isTextual();
            if (!complete) {
                broken.add("error body missing or incomplete");
            } else if (requestId.isPresent()
                    && !body.path("correlation_id").asText().equals(requestId.get())) {
                broken.add("correlation_id is not the X-Request-Id");
            } else if (body.path("code").asText().equals("VALIDATION_FAILED")
                    && body.path("field_errors").isEmpty()) {
                broken.add("VALIDATION_FAILED without field_errors");
            }
            if (body.path("code").asText().equals("UNAUTHENTICATED")
                    && !response.headers()
                            .firstValue("WWW-Authenticate")
                            .orElse("")
                            .startsWith("Bearer")) {
                broken.add("UNAUTHENTICATED without WWW-Authenticate: Bearer");
            }
            if (status == 429 && response.headers().firstValue("Retry-After").isEmpty()) {
                broken.add("429 without Retry-After");
            }
        }
        return broken;
    }

    private void keep(String status, FuzzRequest request, String rule, String cause, long caseNumber, String answer) {
        String endpoint = request.method() + " "
                + request.endpoint().substring(request.endpoint().indexOf(' ') + 1);
        findings.computeIfAbsent(status + " | " + rule + " | " + cause, k -> new Finding(status, rule, cause))
                .add(endpoint, caseNumber, request, answer);
    }

    /**
     * What tells failures apart: the root cause's class and the start of its message, without the numbers and
     * quoted values that differ from request to request.
     */
    private static String signature(String cause) {
        return abbreviate(cause.replaceAll("\"[^\"]*\"|'[^']*'", "…").replaceAll("[0-9a-f-]{36}|\\d+", "#"), 90);
    }

    boolean failed() {
        return !findings.isEmpty();
    }

    /** How many requests of each endpoint got which class of status. */
    Map<String, Map<String, AtomicInteger>> statuses() {
        return statuses;
    }

    /** Everything found, the distinct failures first (most frequent first), then the coverage per endpoint. */
    String report(String base, String header, List<String> variables) {
        StringBuilder report = new StringBuilder(header).append('\n');
        List<Finding> sorted = new ArrayList<>(findings.values());
        sorted.sort(Comparator.comparing((Finding f) -> f.example == null).thenComparing(f -> -f.count()));
        int n = 0;
        for (Finding finding : sorted) {
            report.append(String.format("%n%d. %s: %s%n", ++n, finding.status, finding.rule));
            if (!finding.cause.isEmpty()) {
                report.append("   cause: ").append(finding.cause).append('\n');
            }
            finding.endpoints.forEach((endpoint, seen) ->
                    report.append(String.format("   %s: %d× (smallest: case %d)%n", endpoint, seen[0], seen[1])));
            if (finding.example != null) {
                report.append("   case ")
                        .append(finding.caseNumber)
                        .append(": ")
                        .append(finding.example.curl(base))
                        .append('\n');
            }
            report.append("   answer: ").append(finding.answer).append('\n');
        }
        if (!backgroundErrors.isEmpty()) {
            report.append("\nserver log outside requests (logger: root cause, times):\n");
            backgroundErrors.forEach((line, count) ->
                    report.append("   ").append(line).append(" (").append(count).append("×)\n"));
        }
        report.append("\nanswers per endpoint (status classes, mean time):\n");
        new TreeMap<>(statuses).forEach((endpoint, counts) -> {
            long requests =
                    counts.values().stream().mapToLong(AtomicInteger::get).sum();
            long nanos =
                    nanosPerEndpoint.getOrDefault(endpoint, new AtomicLong()).get();
            report.append(String.format(
                    "   %s: %s, %d ms%n", endpoint, new TreeMap<>(counts), nanos / Math.max(1, requests) / 1_000_000));
        });
        if (failed()) {
            report.append("\nto replay a case: set ")
                    .append(String.join(
                            " ",
                            variables.stream()
                                    .map(v -> v.substring(0, v.indexOf('=') + 1) + "<token>")
                                    .toList()))
                    .append(" and run its curl line, or run the suite with -Dfuzz.seed=<seed> -Dfuzz.case=<case>\n");
        }
        return report.toString();
    }

    private static JsonNode parse(String text) {
        try {
            return Api.JSON.readTree(text.isEmpty() ? "null" : text);
        } catch (IOException e) {
            return Api.JSON.nullNode();
        }
    }

    private static String abbreviate(String text, int max) {
        String oneLine = text.replace("\n", "\\n").replace("\r", "\\r");
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "…";
    }

    /** Root causes of the exceptions the server logs: by request id for requests, counted for the rest. */
    private final class ServerLog extends AppenderBase<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent event) {
            boolean error = event.getLevel().isGreaterOrEqual(Level.ERROR);
            if (!error && !(event.getLevel().equals(Level.WARN) && event.getThrowableProxy() != null)) {
                return;
            }
            String cause = rootCause(event);
            String requestId = event.getMDCPropertyMap().get("requestId");
            if (requestId != null) {
                serverErrors.putIfAbsent(requestId, cause);
            } else {
                String logger =
                        event.getLoggerName().substring(event.getLoggerName().lastIndexOf('.') + 1);
                String line = logger + ": " + cause;
                if (backgroundErrors.size() < MAX_BACKGROUND_ERRORS || backgroundErrors.containsKey(line)) {
                    backgroundErrors
                            .computeIfAbsent(line, k -> new AtomicInteger())
                            .incrementAndGet();
                }
            }
        }

        private static String rootCause(ILoggingEvent event) {
            IThrowableProxy cause = event.getThrowableProxy();
            if (cause == null) {
                return "(logged without exception): " + abbreviate(event.getFormattedMessage(), 160);
            }
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            String name = cause.getClassName().substring(cause.getClassName().lastIndexOf('.') + 1);
            return name + ": " + abbreviate(String.valueOf(cause.getMessage()), 160);
        }
    }
}
