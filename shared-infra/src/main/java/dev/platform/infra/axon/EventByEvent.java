package dev.platform.infra.axon;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * How a projection keeps going when one event cannot be applied. A tracking processor handles events in batches,
 * one transaction each, and retries a failed batch whole: one event that fails at the batch's commit (a row the
 * table refuses when a projection writes its rows together) or that aborts the PostgreSQL transaction (so that
 * not even its dead letter can be written) would otherwise stop its segment for good.
 *
 * <p>After a batch of a segment has failed, the segment's next batches run <em>event by event</em> until one of
 * them commits: each projection handler runs inside a savepoint ({@link SavepointPerEvent}) and writes its rows at
 * once rather than at the commit, so a failing event rolls back only its own changes and parks in the dead-letter
 * queue while the rest of the batch commits. Retries of parked events ({@link DeadLetterRetries}) always run event
 * by event. Batches of a healthy segment pay nothing for this.
 */
@Component
public class EventByEvent {

    private static final Logger log = LoggerFactory.getLogger(EventByEvent.class);
    private static final String RESOURCE = EventByEvent.class.getName();
    private static final ThreadLocal<Boolean> IN_THIS_THREAD = new ThreadLocal<>();

    /** Processor and segment ("posts#1") whose last batch failed. */
    private final Set<String> recovering = ConcurrentHashMap.newKeySet();

    /**
     * Called for each event a streaming processor handles, before its handlers: marks the unit of work event by
     * event when the segment's previous batch failed, and records the outcome of this one.
     */
    void track(String processor, UnitOfWork<?> unitOfWork) {
        if (unitOfWork.resources().containsKey(RESOURCE)) {
            return;
        }
        String segment = processor + "#" + unitOfWork.getOrDefaultResource(segmentKey(processor), -1);
        boolean contained = recovering.contains(segment);
        unitOfWork.resources().put(RESOURCE, contained);
        unitOfWork.onRollback(u -> {
            if (recovering.add(segment)) {
                log.warn("a batch of {} failed; its events are handled again one by one", segment);
            }
        });
        if (contained) {
            unitOfWork.afterCommit(u -> {
                recovering.remove(segment);
                log.info("{} committed its events one by one; back to whole batches", segment);
            });
        }
    }

    /** Whether the event being handled runs on its own: its changes are written at once, inside a savepoint. */
    public static boolean isContained() {
        if (Boolean.TRUE.equals(IN_THIS_THREAD.get())) {
            return true;
        }
        return CurrentUnitOfWork.isStarted()
                && Boolean.TRUE.equals(CurrentUnitOfWork.get().getResource(RESOURCE));
    }

    /** Runs {@code work} (a retry of parked events) with every event handled on its own. */
    static <T> T contained(Supplier<T> work) {
        Boolean before = IN_THIS_THREAD.get();
        IN_THIS_THREAD.set(Boolean.TRUE);
        try {
            return work.get();
        } finally {
            IN_THIS_THREAD.set(before);
        }
    }

    /** The resource under which Axon's tracking processor keeps the segment of the batch it handles. */
    private static String segmentKey(String processor) {
        return "Processor[" + processor + "]/SegmentId";
    }
}
