package dev.platform.query.projection;

import dev.platform.api.common.DomainException;
import dev.platform.api.common.ErrorCode;
import dev.platform.infra.axon.StoredTokens;
import dev.platform.infra.web.FieldErrors;
import dev.platform.infra.web.Refusals;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The streaming processors of this process (projections, and any other event processor it runs, such as the
 * notification side's) with their progress, and their rebuild.
 *
 * <p>Progress is per segment: a segment this process holds reports its in-memory token (current to the last event
 * it read), any other segment the token stored in {@code token_entry} by the node that holds it. Position is the
 * lowest of them, so the whole group has passed it.
 *
 * <p>A rebuild is Axon's reset: the processor stops here (releasing its claims), then in one transaction its
 * tokens are reset to replay from the first event, which invokes the projection's {@code @ResetHandler} (it
 * empties its table), and the group's dead letters are dropped (the replay handles those events again); then the
 * processor starts and replays. Resetting takes every segment's claim, so it fails, changing nothing, while
 * another node holds one: answered 409. A processor that cannot be reset (a saga) is refused with 400.
 */
@Component
public class EventProcessors {

    private static final Logger log = LoggerFactory.getLogger(EventProcessors.class);

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final TransactionTemplate transactions;
    private final ObjectProvider<org.axonframework.config.Configuration> axon;

    EventProcessors(
            JdbcTemplate jdbc,
            Serializer serializer,
            TransactionTemplate transactions,
            ObjectProvider<org.axonframework.config.Configuration> axon) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.transactions = transactions;
        this.axon = axon;
    }

    /** Every streaming processor of this process, by name. */
    public List<ProjectionStatus> all() {
        long head = head();
        Map<String, Long> parked = deadLetterCounts();
        return processors().stream()
                .sorted(Comparator.comparing(StreamingEventProcessor::getName))
                .map(processor -> status(processor, head, parked))
                .toList();
    }

    /** One processor's progress; empty when this process runs no streaming processor of that name. */
    public Optional<ProjectionStatus> status(String name) {
        return processor(name).map(processor -> status(processor, head(), deadLetterCounts()));
    }

    /**
     * Resets the processor so that it rebuilds its read model from the first event, and answers its progress right
     * after the reset with the head of this moment: the rebuild is complete when {@link
     * ProjectionStatus#hasRebuiltUpTo} that head.
     *
     * @throws DomainException 404 for an unknown name, 400 for a processor that must not be replayed, 409 while
     *     another node holds a segment of it
     */
    public synchronized ProjectionStatus rebuild(String name) {
        StreamingEventProcessor processor =
                processor(name).orElseThrow(() -> Refusals.notFound(ErrorCode.NOT_FOUND, "Projection"));
        if (!processor.supportsReset()) {
            throw FieldErrors.failure(
                    "name", "is a processor that is never replayed (a saga, whose handlers have side effects)");
        }
        long head = head();
        log.info("rebuilding {} up to position {}", name, head);
        processor.shutDown();
        try {
            transactions.executeWithoutResult(transaction -> {
                deadLetters(name).ifPresent(SequencedDeadLetterQueue::clear);
                processor.resetTokens();
            });
        } catch (RuntimeException e) {
            if (claimedElsewhere(e)) {
                log.warn("rebuild of {} refused: another node holds one of its segments", name);
                throw new DomainException(
                        ErrorCode.CONCURRENT_MODIFICATION,
                        "Another node holds segments of '" + name + "' (see token_entry.owner): stop the group there"
                                + " or wait for its claims to expire, then ask again.");
            }
            throw e;
        } finally {
            processor.start();
        }
        return status(processor, head, deadLetterCounts());
    }

    /** The position of the newest event, 0 when there is none. */
    public long head() {
        Long head = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        return head == null ? 0 : head;
    }

    private Map<String, Long> deadLetterCounts() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query("SELECT processing_group, count(*) FROM dead_letter_entry GROUP BY processing_group", rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }

    private ProjectionStatus status(StreamingEventProcessor processor, long head, Map<String, Long> parked) {
        long deadLetters = parked.getOrDefault(processor.getName(), 0L);
        Map<Integer, TrackingToken> tokens = new HashMap<>();
        jdbc.query(
                "SELECT segment, token, token_type FROM token_entry WHERE processor_name = ?",
                rs -> {
                    tokens.put(rs.getInt(1), StoredTokens.decode(serializer, rs.getBytes(2), rs.getString(3)));
                },
                processor.getName());
        Map<Integer, EventTrackerStatus> held = processor.processingStatus();
        held.forEach((segment, status) -> tokens.put(segment, status.getTrackingToken()));
        if (tokens.isEmpty()) {
            return ProjectionStatus.of(processor.getName(), 0, head, false, deadLetters);
        }
        long position = Long.MAX_VALUE;
        boolean replaying = false;
        for (TrackingToken token : tokens.values()) {
            position = Math.min(position, token == null ? 0 : token.position().orElse(0));
            replaying |= ReplayToken.isReplay(token);
        }
        return ProjectionStatus.of(processor.getName(), position, head, replaying, deadLetters);
    }

    private List<StreamingEventProcessor> processors() {
        return processing().eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .toList();
    }

    private Optional<StreamingEventProcessor> processor(String name) {
        return processors().stream()
                .filter(processor -> processor.getName().equals(name))
                .findFirst();
    }

    private Optional<SequencedDeadLetterQueue<org.axonframework.eventhandling.EventMessage<?>>> deadLetters(
            String name) {
        return processing().deadLetterQueue(name);
    }

    private EventProcessingConfiguration processing() {
        return axon.getObject().eventProcessingConfiguration();
    }

    private static boolean claimedElsewhere(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnableToClaimTokenException) {
                return true;
            }
        }
        return false;
    }
}
