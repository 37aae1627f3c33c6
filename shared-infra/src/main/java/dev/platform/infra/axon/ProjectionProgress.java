package dev.platform.infra.axon;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes: a write answers only once the projection that serves the matching reads has applied the
 * write's event. In this JVM the processor signals each applied aggregate version after its commit, so the
 * wait is a hand-off between threads. When the processor runs elsewhere (a split deployment, or another node
 * that owns the segment) the wait falls back to reading the processor's token for that segment from
 * {@code token_entry}. The wait is bounded: a projection that is down delays the answer, it never fails it.
 */
@Component
public class ProjectionProgress {

    private static final Logger log = LoggerFactory.getLogger(ProjectionProgress.class);
    private static final int RECENT_LIMIT = 100_000;
    private static final long STORE_POLL_MILLIS = 50;

    private final Map<String, Long> recent = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > RECENT_LIMIT;
        }
    });
    private final Map<String, Set<Waiter>> waiters = new ConcurrentHashMap<>();
    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final Duration timeout;

    ProjectionProgress(
            JdbcTemplate jdbc,
            Serializer serializer,
            @Value("${platform.read-your-writes.timeout:5s}") Duration timeout) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.timeout = timeout;
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
     * Returns once {@code processor} has applied event {@code sequence} of the aggregate, or when the configured
     * timeout ({@code platform.read-your-writes.timeout}, 5 s) has passed.
     */
    public void await(String processor, String aggregateId, long sequence) {
        await(processor, aggregateId, sequence, aggregateId);
    }

    /**
     * As {@link #await(String, String, long)}, for a processor whose sequencing policy keys events by something
     * else than their aggregate (the segment that owns the event is found by that key).
     */
    public void await(String processor, String aggregateId, long sequence, String sequenceKey) {
        String key = key(processor, aggregateId);
        if (appliedHere(key, sequence)) {
            return;
        }
        Waiter waiter = new Waiter(sequence);
        waiters.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(waiter);
        try {
            if (appliedHere(key, sequence)) {
                return;
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    log.warn(
                            "projection {} has not applied {}#{} within {}", processor, aggregateId, sequence, timeout);
                    return;
                }
                try {
                    waiter.done.get(
                            Math.min(left, TimeUnit.MILLISECONDS.toNanos(STORE_POLL_MILLIS)), TimeUnit.NANOSECONDS);
                    return;
                } catch (TimeoutException e) {
                    if (appliedInStore(processor, aggregateId, sequence, sequenceKey)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (ExecutionException e) {
                    return;
                }
            }
        } finally {
            waiters.computeIfPresent(key, (k, set) -> {
                set.remove(waiter);
                return set.isEmpty() ? null : set;
            });
        }
    }

    private boolean appliedHere(String key, long sequence) {
        Long applied = recent.get(key);
        return applied != null && applied >= sequence;
    }

    /** Whether the token of the segment that owns the event's sequence key has passed the event's global index. */
    private boolean appliedInStore(String processor, String aggregateId, long sequence, String sequenceKey) {
        List<Long> index = jdbc.queryForList(
                "SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?",
                Long.class,
                aggregateId,
                sequence);
        if (index.isEmpty()) {
            return false;
        }
        TrackingToken event = GapAwareTrackingToken.newInstance(index.get(0), Collections.emptySet());
        List<StoredToken> tokens = jdbc.query(
                "SELECT segment, token, token_type FROM token_entry WHERE processor_name = ?",
                (rs, row) -> new StoredToken(rs.getInt(1), rs.getBytes(2), rs.getString(3)),
                processor);
        if (tokens.isEmpty()) {
            return false;
        }
        int[] segmentIds = tokens.stream().mapToInt(StoredToken::segment).toArray();
        int hash = Objects.hashCode(sequenceKey);
        List<StoredToken> owners = new ArrayList<>();
        for (StoredToken token : tokens) {
            if (Segment.computeSegment(token.segment, segmentIds).matches(hash)) {
                owners.add(token);
            }
        }
        return !owners.isEmpty() && owners.stream().allMatch(token -> token.covers(event, serializer));
    }

    private static String key(String processor, String aggregateId) {
        return processor + '|' + aggregateId;
    }

    private record Waiter(long sequence, CompletableFuture<Void> done) {
        Waiter(long sequence) {
            this(sequence, new CompletableFuture<>());
        }
    }

    private record StoredToken(int segment, byte[] token, String type) {
        boolean covers(TrackingToken event, Serializer serializer) {
            if (token == null || type == null) {
                return false;
            }
            TrackingToken stored =
                    serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
            return stored != null && stored.covers(event);
        }
    }
}
