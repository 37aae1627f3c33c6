package dev.platform.query.projection;

/**
 * A streaming processor's progress: {@code position} is the lowest position its segments have reached,
 * {@code head} the position of the newest event, {@code lag} the difference, {@code replaying} whether any
 * segment is still re-reading events from before its last reset, {@code dead_letters} how many of its events are
 * parked (see {@code GET /admin/dead-letters}); a parked event does not hold {@code position} back. {@code rebuild}
 * is the progress of a blue-green rebuild of it that runs on this node, null when none does.
 */
public record ProjectionStatus(
        String name, long position, long head, long lag, boolean replaying, long deadLetters, RebuildProgress rebuild) {

    static ProjectionStatus of(String name, long position, long head, boolean replaying, long deadLetters) {
        return new ProjectionStatus(name, position, head, Math.max(0, head - position), replaying, deadLetters, null);
    }

    ProjectionStatus with(RebuildProgress progress) {
        return new ProjectionStatus(name, position, head, lag, replaying, deadLetters, progress);
    }

    /** Whether an in-place rebuild asked when the head was at {@code head} is complete. */
    public boolean hasRebuiltUpTo(long head) {
        return !replaying && position >= head;
    }
}
