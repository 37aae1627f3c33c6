package dev.platform.app;

import static dev.platform.app.Api.subject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.api.user.UserId;
import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import dev.platform.app.FuzzEndpoints.Endpoint;
import dev.platform.app.FuzzEndpoints.Fixtures;
import dev.platform.app.FuzzRequest.Header;
import dev.platform.infra.security.AccountTokenPurpose;
import dev.platform.infra.security.AccountTokens;
import dev.platform.infra.security.UnsubscribeTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Property-based fuzzing of every endpoint of the running application: random and adversarial input (hostile
 * Unicode, numbers and instants out of every range, malformed and foreign ids, JSON of the wrong shape, type or
 * depth, odd query parameters, missing and malformed {@code Authorization}, {@code Content-Type}, {@code Accept}
 * and {@code X-Request-Id}) against real fixtures, so that the input reaches the handlers and not only the 401s and
 * 404s. The properties: no answer is a 5xx (or missing); every 4xx carries the contract's error body whose
 * {@code correlation_id} is the {@code X-Request-Id}; afterwards every projection is at the head of the event
 * store and no event was parked in the dead-letter queue.
 *
 * <p>Why a plain JUnit test with the suite's own generators ({@link FuzzGen}) rather than a property-testing
 * engine: the requests need the shared Spring context of {@link EndToEndTest}, they are sent by several client
 * threads at once, and a failure must not stop the run: every distinct failure is collected and all are reported
 * together. Case {@code n} is drawn from a random source seeded by the run's seed and {@code n} alone, so any case
 * can be drawn again alone ({@code -Dfuzz.seed=<seed> -Dfuzz.case=<n>}), in any thread, and its report line is a
 * {@code curl} command. Instead of shrinking, each distinct failure (status, broken rule, root cause in the
 * server's log) is shown by its smallest request, with the endpoints where it happened.
 *
 * <p>Knobs (system properties): {@code fuzz.seed}, {@code fuzz.requests} (10,000), {@code fuzz.threads} (6),
 * {@code fuzz.budget-seconds} (170: the requests not sent by then are a failure, the suite's promise is 10,000 in
 * under 3 minutes), {@code fuzz.case}.
 */
class FuzzEndToEndTest extends EndToEndTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20_261_125L);
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 10_000);
    private static final int THREADS = Integer.getInteger("fuzz.threads", 6);
    private static final Duration BUDGET = Duration.ofSeconds(Long.getLong("fuzz.budget-seconds", 170));
    private static final Long ONLY_CASE = Long.getLong("fuzz.case");
    private static final Duration CATCH_UP = Duration.ofSeconds(30);
    /** Where the cases of this seed start: the seed scrambled, so that nearby seeds draw unrelated cases. */
    private static final long FIRST_CASE_STATE = new SplittableRandom(SEED).nextLong();

    /** Signs the fixture subscription's unsubscribe link as the application's e-mails do. */
    @Autowired
    UnsubscribeTokens unsubscribeTokens;

    /** Signs the reader's address verification link as the application's e-mails do. */
    @Autowired
    AccountTokens accountTokens;

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Test
    void noInputGetsAServerErrorOrAnAnswerWithoutTheErrorBodyAndEveryProjectionCatchesUp() throws Exception {
        String adminToken = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        ProjectionAdmin projections = new ProjectionAdmin(api, adminToken);
        FuzzEndpoints endpoints = new FuzzEndpoints(fixtures(adminToken, projections));
        List<Endpoint> all = endpoints.all();
        FuzzGen<FuzzRequest> requests = FuzzEndpoints.requests(all);
        String database = TestDatabase.sharedUrl();
        Set<String> parkedBefore = new HashSet<>(Sql.rows(database, "SELECT dead_letter_id FROM dead_letter_entry"));

        FuzzFindings findings = new FuzzFindings().open();
        long started = System.nanoTime();
        long sent;
        try {
            sent = send(requests, findings);
            double seconds = (System.nanoTime() - started) / 1e9;
            if (ONLY_CASE == null && sent < REQUESTS) {
                findings.afterwards(
                        "time budget", sent + " of " + REQUESTS + " requests sent within " + BUDGET.toSeconds() + " s");
            }
            String header = String.format(
                    "fuzz: %d requests, %d answered, in %.1f s (%.0f/s) by %d client threads, seed %d",
                    sent, findings.answered(), seconds, sent / seconds, THREADS, SEED);
            checkProjections(projections, findings, database, parkedBefore);
            if (ONLY_CASE == null) {
                checkCoverage(all, findings);
            }
            String report = findings.report("http://localhost:" + port, header, endpoints.variables());
            System.out.println(report);
            if (findings.failed()) {
                fail(report);
            }
        } finally {
            findings.close();
            // The fuzz's wrong passwords lock the shared operator account out of login for a minute (429): the
            // classes that run after it need that login, so the counted failures go with the run that made them.
            Sql.update(database, "DELETE FROM login_failure WHERE email = ?", ADMIN_EMAIL.toLowerCase(Locale.ROOT));
        }
    }

    /** Sends the cases from several threads until all are sent or the budget is spent; returns how many. */
    private long send(FuzzGen<FuzzRequest> requests, FuzzFindings findings) throws Exception {
        long first = ONLY_CASE == null ? 0 : ONLY_CASE;
        long end = ONLY_CASE == null ? REQUESTS : ONLY_CASE + 1;
        AtomicLong next = new AtomicLong(first);
        AtomicLong sent = new AtomicLong();
        long deadline = System.nanoTime() + BUDGET.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    for (long n = next.getAndIncrement();
                            n < end && System.nanoTime() < deadline;
                            n = next.getAndIncrement()) {
                        FuzzRequest request = draw(requests, n);
                        sendOne(n, request, findings);
                        sent.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(BUDGET.toSeconds() + 120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return sent.get();
    }

    /**
     * Case {@code n} of this run's seed, from a random source of its own: the same request whichever thread draws
     * it, and whether or not the other cases are drawn.
     */
    static FuzzRequest draw(FuzzGen<FuzzRequest> requests, long n) {
        return requests.next(new SplittableRandom(FIRST_CASE_STATE + n));
    }

    private void sendOne(long caseNumber, FuzzRequest request, FuzzFindings findings) throws InterruptedException {
        byte[] body = request.body().bytes();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + request.path()))
                .timeout(Duration.ofSeconds(30))
                .method(
                        request.method(),
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        String requestId = "fz-" + caseNumber;
        for (Header header : request.headers()) {
            if (header.name().equals("X-Request-Id")) {
                requestId = header.value();
            }
            if (header.value() != null) {
                builder.header(header.name(), header.value());
            }
        }
        if (!request.hasHeader("X-Request-Id")) {
            builder.header("X-Request-Id", requestId);
        }
        try {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            findings.answer(caseNumber, request, requestId, response, System.nanoTime() - start);
        } catch (IOException e) {
            findings.noAnswer(caseNumber, request, e);
        }
    }

    /** Every projection back at the head within a bounded wait, and no event parked during the run. */
    private static void checkProjections(
            ProjectionAdmin projections, FuzzFindings findings, String database, Set<String> parkedBefore) {
        try {
            await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(200)).until(() -> atHead(projections.list()));
        } catch (ConditionTimeoutException e) {
            findings.afterwards(
                    "a projection is not at the head " + CATCH_UP.toSeconds() + " s after the last request",
                    projections.list().raw().body());
        }
        for (String row : Sql.rows(
                database,
                "SELECT dead_letter_id, processing_group, sequence_identifier, cause_type, cause_message"
                        + " FROM dead_letter_entry ORDER BY processing_group, enqueued_at")) {
            String[] columns = row.split("\\|", 5);
            if (!parkedBefore.contains(columns[0])) {
                findings.afterwards(
                        "dead letter in " + columns[1] + ": " + columns[3],
                        "sequence " + columns[2] + ": " + columns[4]);
            }
        }
    }

    private static boolean atHead(Response list) {
        if (list.status() != 200 || !list.body().isArray()) {
            return false;
        }
        for (JsonNode projection : list.body()) {
            if (projection.path("lag").asLong(-1) != 0) {
                return false;
            }
        }
        return true;
    }

    /** An endpoint that never answered 2xx was never reached with valid input: the fuzz would prove little there. */
    private static void checkCoverage(List<Endpoint> endpoints, FuzzFindings findings) {
        for (Endpoint endpoint : endpoints) {
            Map<String, AtomicInteger> counts = findings.statuses().getOrDefault(endpoint.name(), Map.of());
            if (endpoint.succeedsSometimes() && !counts.containsKey("2xx")) {
                findings.afterwards("no 2xx answer from " + endpoint.name(), "answers: " + counts);
            }
        }
    }

    /** Two creators, a reader, posts in both states, a comment and a reply, a subscription: what ids point at. */
    private Fixtures fixtures(String adminToken, ProjectionAdmin projections) {
        TestUser creator = api.newUser("creator");
        TestUser otherCreator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String published = api.newPost(creator, "Published", "A post that the fuzz reads and comments on.");
        assertThat(api.publish(published, creator).status()).isEqualTo(200);
        String draft = api.newPost(creator, "Draft", "A draft.");
        String otherPublished = api.newPost(otherCreator, "Other", "Another creator's post.");
        assertThat(api.publish(otherPublished, otherCreator).status()).isEqualTo(200);
        String otherDraft = api.newPost(otherCreator, "Other draft", "Another creator's draft.");
        Response comment =
                api.post("/api/v1/posts/" + published + "/comments", Map.of("content", "First."), reader.token());
        assertThat(comment.status()).as(comment.toString()).isEqualTo(201);
        Response reply = api.post(
                "/api/v1/posts/" + published + "/comments",
                Map.of("content", "A reply.", "parent_comment_id", comment.text("id")),
                creator.token());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        Response subscription = api.request("POST", "/api/v1/creators/" + creator.id() + "/subscribe")
                .token(reader.token())
                .send();
        assertThat(subscription.status()).as(subscription.toString()).isEqualTo(201);
        List<String> deletable = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            deletable.add(
                    i % 2 == 0
                            ? api.newPublishedPost(creator, "Deletable " + i, "For DELETE only.")
                            : api.newPost(creator, "Deletable draft " + i, "For DELETE only."));
        }
        return new Fixtures(
                creator,
                otherCreator,
                reader,
                subject(adminToken),
                adminToken,
                published,
                draft,
                otherPublished,
                otherDraft,
                comment.text("id"),
                reply.text("id"),
                subscription.text("id"),
                unsubscribeTokens.sign(
                        new UserId(UUID.fromString(reader.id())), new UserId(UUID.fromString(creator.id()))),
                accountTokens.sign(new UserId(UUID.fromString(reader.id())), AccountTokenPurpose.VERIFY_EMAIL, 1),
                projections.names().stream().sorted().toList(),
                List.copyOf(deletable));
    }
}
