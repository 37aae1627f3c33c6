package dev.platform.infra.idempotency;

import java.util.Arrays;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Decides what a request with a key does: run (it holds the key), replay the stored answer, refuse a reused key, or
 * give up waiting.
 *
 * <p>Why one resource comes of concurrent requests: the key's row is claimed by an insert on its primary key, which
 * PostgreSQL lets exactly one request win, on every node. The others wait for the winner's answer by reading the row
 * again, with pauses growing to {@value #MAX_PAUSE_MILLIS} ms, for at most {@code platform.idempotency.wait-timeout}.
 * A winner that fails gives the key up (the row goes) and the next waiter claims it and runs. A winner that dies
 * holds it only until its lease runs out; then one waiter takes the claim over (an update naming the dead claim's
 * token, which only one can win) and runs the create again. That re-run cannot make a second resource: the id comes
 * from the key ({@link IdempotentRoute#resourceId}), and before running, the new holder checks whether that
 * aggregate is already stored; a create still in flight from the old holder meets the event store's unique
 * (aggregate, sequence) key instead.
 */
@Component
class KeyClaims {

    static final long MAX_PAUSE_MILLIS = 100;

    private final IdempotencyKeyTable table;
    private final IdempotencyProperties properties;

    KeyClaims(IdempotencyKeyTable table, IdempotencyProperties properties) {
        this.table = table;
        this.properties = properties;
    }

    /** What the request does next. */
    sealed interface Outcome {}

    /** The request holds the key with this claim and runs. */
    record Held(UUID token) implements Outcome {}

    /** The key has an answer already. */
    record Replay(StoredAnswer answer) implements Outcome {}

    /** The key was used with another body or on another route. */
    record Reused() implements Outcome {}

    /** Another request holds the key and did not answer within the wait. */
    record StillRunning() implements Outcome {}

    Outcome claim(KeyRequest request) {
        long deadline = System.nanoTime() + properties.waitTimeout().toNanos();
        long pause = 5;
        while (true) {
            UUID token = UUID.randomUUID();
            if (table.claim(request, token)) {
                return new Held(token);
            }
            var row = table.find(request);
            if (row.isPresent()) {
                var found = row.get();
                if (!found.route().equals(request.route().name())
                        || !Arrays.equals(found.bodyHash(), request.bodyHash())) {
                    return new Reused();
                }
                if (found.answer().isPresent()) {
                    return new Replay(found.answer().get());
                }
                if (found.leaseExpired() && table.takeOver(request, found.claimToken(), token)) {
                    return new Held(token);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return new StillRunning();
            }
            // Row gone (released between the two statements) or still held: look again after a pause.
            if (row.isPresent() && !pause(Math.min(pause, left / 1_000_000 + 1))) {
                return new StillRunning();
            }
            pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
        }
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
