package dev.platform.query.projection;

/**
 * A running rebuild's progress: {@code events_done} of {@code events_total} (positions in the event store since the
 * rebuild started from the first event, so the total grows with new events), the rate over the rebuild so far and the
 * estimated time left at that rate (null until there is a rate).
 */
public record RebuildProgress(
        String state,
        long position,
        long head,
        long eventsDone,
        long eventsTotal,
        double eventsPerSecond,
        Long secondsLeft) {

    static RebuildProgress of(String state, long position, long head, double elapsedSeconds) {
        long done = Math.max(0, position);
        double rate = elapsedSeconds > 0 ? done / elapsedSeconds : 0;
        Long left = rate > 0 ? (long) Math.ceil(Math.max(0, head - done) / rate) : null;
        return new RebuildProgress(state, position, head, done, head, Math.round(rate * 10) / 10.0, left);
    }
}
