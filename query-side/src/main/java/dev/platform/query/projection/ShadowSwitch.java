package dev.platform.query.projection;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The switch of a rebuild that has caught up, in one transaction: lock the live tables (every reader and writer of
 * them waits from here on); read the head; let the rebuild apply every event up to it and stop (it writes only its
 * own tables, which are not locked yet); lock the rebuilt tables; check that the rebuild's stored tokens cover every
 * event committed so far (a gap that is a not yet committed event is fine: an inline projection's writer waits for
 * the lock with its event uncommitted, commits after the switch and writes the rebuilt table); put the rebuilt tables
 * in place; set every segment of a streaming live group to the rebuild's token, with no owner; drop the group's dead
 * letters (the rebuild has handled those events again) and the rebuild's tokens;
 * {@code NOTIFY platform_read_models}. When the rebuild does not get there in time, nothing changes and the answer
 * is empty: the caller starts the rebuild's processor again and asks again later.
 *
 * <p>Catching up under the lock, rather than stopping the rebuild first and checking afterwards, is what lets a
 * switch succeed while events keep arriving: the head read under the lock can still move (events whose projection
 * does not write these tables, or a streaming group's events), but the rebuild only has to reach the head of that
 * moment, and what comes later the live group applies from the rebuild's token.
 *
 * <p>A node that held a claim on a live segment finds no owner on its next token update, which fails and rolls its
 * batch back (a batch waiting for the lock wrote the old table and is rolled back the same way); it claims the
 * segment again and continues from the rebuild's token. The local live processor is stopped around the switch by
 * the caller, so that it does not wait for that.
 */
final class ShadowSwitch {

    static final String CHANNEL = "platform_read_models";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ProcessorTokens tokens;

    ShadowSwitch(JdbcTemplate jdbc, TransactionTemplate transactions, ProcessorTokens tokens) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.tokens = tokens;
    }

    /**
     * Switches, or answers empty when the rebuild has not applied every committed event in time; the position the
     * live group continues from when it switched. {@code catchUpAndStop} lets the rebuild reach the head it is given
     * and stops its processor, or answers false when it did not get there in time.
     */
    Optional<Long> attempt(
            ShadowRebuild rebuild,
            Optional<StreamingEventProcessor> live,
            Optional<SequencedDeadLetterQueue<EventMessage<?>>> deadLetters,
            long lockTimeoutMillis,
            boolean keepPrevious,
            LongPredicate catchUpAndStop) {
        ShadowSchema schema = rebuild.schema();
        return transactions.execute(transaction -> {
            schema.lockLive(jdbc, lockTimeoutMillis);
            long head = head();
            if (!catchUpAndStop.test(head)) {
                transaction.setRollbackOnly();
                return Optional.<Long>empty();
            }
            schema.lockShadow(jdbc);
            Map<Integer, TrackingToken> shadow = tokens.tokens(rebuild.processorName());
            if (shadow.isEmpty() || !shadow.values().stream().allMatch(token -> tokens.covers(token, head))) {
                transaction.setRollbackOnly();
                return Optional.<Long>empty();
            }
            schema.swap(jdbc, keepPrevious);
            if (live.isPresent()) {
                List<Integer> segments = tokens.segments(rebuild.name());
                if (segments.isEmpty()) {
                    segments = List.copyOf(shadow.keySet());
                }
                TrackingToken single =
                        shadow.size() == 1 ? shadow.values().iterator().next() : null;
                for (int segment : segments) {
                    TrackingToken token = single != null ? single : shadow.get(segment);
                    if (token == null) {
                        throw new IllegalStateException("the rebuild of " + rebuild.name() + " has no segment "
                                + segment + " of the live group");
                    }
                    tokens.set(rebuild.name(), segment, token);
                }
            }
            deadLetters.ifPresent(SequencedDeadLetterQueue::clear);
            tokens.delete(rebuild.processorName());
            jdbc.queryForObject("SELECT pg_notify(?, ?)", Object.class, CHANNEL, rebuild.name());
            long position = shadow.values().stream()
                    .mapToLong(token -> token == null ? 0 : token.position().orElse(0))
                    .min()
                    .orElse(0);
            return Optional.of(position);
        });
    }

    private long head() {
        Long head = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        return head == null ? 0 : head;
    }
}
