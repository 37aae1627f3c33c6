package dev.platform.infra.axon;

import dev.platform.infra.schedule.PeriodicTask;
import dev.platform.infra.web.StaleReadModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

// Over 200 lines: the in-JVM hand-off and the token watcher share the waiters and their bound.
/**
 * Read-your-writes: a write answers once the projection that serves the matching reads has applied the write's
 * event, so the client's next read shows it.
 *
 * <p>In this JVM the processor signals each applied aggregate version after its commit, and the waiting request
 * is woken at once. When the processor runs elsewhere (a split deployment, or another node that owns the segment),
 * one watcher thread per process reads the tokens in {@code token_entry} for every waiting write together, every
 * {@value #WATCH_MILLIS} ms while any write has waited that long; a waiting request itself never queries.
 *
 * <p>The wait is bounded twice: by {@code platform.read-your-writes.timeout}, and by {@code
 * platform.read-your-writes.max-waiters} writes waiting at once. A write that is not caught up in time, or that
 * finds every place taken, answers all the same (its events are stored) with {@code X-Read-Model: stale}: a
 * projection that lags (a rebuild, a stall) slows no answer beyond the timeout and can never tie up the request
 * threads and connections that reads need.
 */
@Component
@EnableConfigurationProperties(ReadYourWritesProperties.class)
public class ReadYourWrites extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(ReadYourWrites.class);
    private static final int RECENT_LIMIT = 100_000;
    private static final long WATCH_MILLIS = 50;
    private static final String EVENT_INDEXES = "SELECT aggregate_identifier, sequence_number, global_index"
            + " FROM domain_event_entry WHERE (aggregate_identifier, sequence_number) IN"
            + " (SELECT * FROM unnest(?::varchar[], ?::bigint[]))";

    private final Map<String, Long> recent = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > RECENT_LIMIT;
        }
    });
    private final Map<String, Set<Waiter>> waiters = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final Duration timeout;
    private final int maxWaiters;
    private final Counter stale;

    ReadYourWrites(
            JdbcTemplate jdbc,
            Serializer serializer,
            ReadYourWritesProperties properties,
            ObjectProvider<MeterRegistry> meters) {
        super("read-your-writes-watcher", Duration.ofMillis(WATCH_MILLIS));
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.timeout = properties.timeout();
        this.maxWaiters = properties.maxWaiters();
        MeterRegistry registry = meters.getIfAvailable();
        if (registry != null) {
            Gauge.builder("platform.read_your_writes.waiting", waiting, AtomicInteger::get)
                    .description("Writes waiting for a projection to apply their event")
                    .register(registry);
            this.stale = Counter.builder("platform.read_your_writes.stale")
                    .description("Writes answered before their read model caught up (X-Read-Model: stale)")
                    .register(registry);
        } else {
            this.stale = null;
        }
    }

    /** Called for each event a processor handles: after the commit, its version counts as applied. */
    void trackCommit(String processor, UnitOfWork<?> unitOfWork) {
        if (unitOfWork.getMessage() instanceof DomainEventMessage<?> event) {
            String key = key(processor, event.getAggregateIdentifier());
            long sequence = event.getSequenceNumber();
            unitOfWork.afterCommit(u -> applied(key, sequence));
        }
    }

    private void applied(String key, long sequence) {
        recent.merge(key, sequence, Math::max);
        Set<Waiter> waiting = waiters.get(key);
        if (waiting != null) {
            for (Waiter waiter : waiting) {
                if (waiter.sequence <= sequence) {
                    waiter.done.complete(null);
                }
            }
        }
    }

    /**
     * Returns once {@code processor} has applied event {@code sequence} of the aggregate (true), or false when the
     * timeout has passed or too many writes are waiting already; then the answer of the current request carries
     * {@code X-Read-Model: stale}.
     */
    public boolean await(String processor, String aggregateId, long sequence) {
        return caughtUp(processor, aggregateId, sequence) || stale();
    }

    /**
     * Waits like {@link #await}, bounded alike, but only answers whether {@code processor} caught up: for a read that
     * waits for a projection and decides itself whether its answer is marked stale (a refusal never is).
     */
    public boolean caughtUp(String processor, String aggregateId, long sequence) {
        String key = key(processor, aggregateId);
        if (appliedHere(key, sequence)) {
            return true;
        }
        if (waiting.incrementAndGet() > maxWaiters) {
            waiting.decrementAndGet();
            log.debug(
                    "{} writes wait already: {}#{} answers without waiting for {}",
                    maxWaiters,
                    aggregateId,
                    sequence,
                    processor);
            return false;
        }
        Waiter waiter = new Waiter(processor, aggregateId, sequence);
        waiters.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(waiter);
        try {
            if (appliedHere(key, sequence)) {
                return true;
            }
            waiter.done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            log.warn("projection {} has not applied {}#{} within {}", processor, aggregateId, sequence, timeout);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waiting.decrementAndGet();
            waiters.computeIfPresent(key, (k, set) -> {
                set.remove(waiter);
                return set.isEmpty() ? null : set;
            });
        }
    }

    private boolean stale() {
        if (stale != null) {
            stale.increment();
        }
        StaleReadModel.mark();
        return false;
    }

    private boolean appliedHere(String key, long sequence) {
        Long applied = recent.get(key);
        return applied != null && applied >= sequence;
    }

    /**
     * One round of the watcher: the writes that have waited for more than a round are checked against the tokens
     * their processors have stored, with one query for the events' positions and one per processor for its tokens.
     */
    @Override
    protected void round() {
        long now = System.nanoTime();
        List<Waiter> old = new ArrayList<>();
        for (Set<Waiter> set : waiters.values()) {
            for (Waiter waiter : set) {
                if (!waiter.done.isDone() && now - waiter.since >= TimeUnit.MILLISECONDS.toNanos(WATCH_MILLIS)) {
                    old.add(waiter);
                }
            }
        }
        if (old.isEmpty()) {
            return;
        }
        resolvePositions(old);
        Map<String, List<Waiter>> byProcessor = new HashMap<>();
        for (Waiter waiter : old) {
            if (waiter.position != null) {
                byProcessor
                        .computeIfAbsent(waiter.processor, p -> new ArrayList<>())
                        .add(waiter);
            }
        }
        byProcessor.forEach((processor, list) -> {
            List<StoredToken> tokens = jdbc.query(
                    "SELECT segment, token, token_type FROM token_entry WHERE processor_name = ?",
                    (rs, row) -> new StoredToken(rs.getInt(1), rs.getBytes(2), rs.getString(3)),
                    processor);
            if (tokens.isEmpty()) {
                return;
            }
            int[] segmentIds = tokens.stream().mapToInt(StoredToken::segment).toArray();
            Map<Integer, TrackingToken> decoded = new HashMap<>();
            for (Waiter waiter : list) {
                TrackingToken event = GapAwareTrackingToken.newInstance(waiter.position, Collections.emptySet());
                int hash = Objects.hashCode(waiter.aggregateId);
                boolean covered = true;
                boolean owned = false;
                for (StoredToken token : tokens) {
                    if (Segment.computeSegment(token.segment, segmentIds).matches(hash)) {
                        owned = true;
                        TrackingToken stored = decoded.computeIfAbsent(token.segment, s -> token.decode(serializer));
                        covered &= stored != null && stored.covers(event);
                    }
                }
                if (owned && covered) {
                    waiter.done.complete(null);
                }
            }
        });
    }

    /** The global index of each waiting write's event, read once per write. */
    private void resolvePositions(List<Waiter> old) {
        List<Waiter> unresolved =
                old.stream().filter(waiter -> waiter.position == null).toList();
        if (unresolved.isEmpty()) {
            return;
        }
        Map<String, Long> positions = new HashMap<>();
        jdbc.query(
                connection -> {
                    PreparedStatement select = connection.prepareStatement(EVENT_INDEXES);
                    Array ids = connection.createArrayOf(
                            "varchar",
                            unresolved.stream().map(w -> w.aggregateId).toArray());
                    Array sequences = connection.createArrayOf(
                            "bigint", unresolved.stream().map(w -> w.sequence).toArray());
                    select.setArray(1, ids);
                    select.setArray(2, sequences);
                    return select;
                },
                rs -> {
                    positions.put(rs.getString(1) + '#' + rs.getLong(2), rs.getLong(3));
                });
        for (Waiter waiter : unresolved) {
            waiter.position = positions.get(waiter.aggregateId + '#' + waiter.sequence);
        }
    }

    /** Stops after the web server has finished its in-flight requests, which may still be waiting. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }

    private static String key(String processor, String aggregateId) {
        return processor + '|' + aggregateId;
    }

    private static final class Waiter {
        private final String processor;
        private final String aggregateId;
        private final long sequence;
        private final long since = System.nanoTime();
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        /** The event's global index, once the watcher has read it. */
        private volatile Long position;

        private Waiter(String processor, String aggregateId, long sequence) {
            this.processor = processor;
            this.aggregateId = aggregateId;
            this.sequence = sequence;
        }
    }

    private record StoredToken(int segment, byte[] token, String type) {
        TrackingToken decode(Serializer serializer) {
            return StoredTokens.decode(serializer, token, type);
        }
    }
}
