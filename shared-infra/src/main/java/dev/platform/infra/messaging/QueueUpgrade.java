package dev.platform.infra.messaging;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import org.springframework.beans.factory.DisposableBean;

/**
 * Moves the messages of queues of an earlier layout into their successors, then deletes the old queues. RabbitMQ
 * refuses to redeclare a queue with another type, so a classic queue cannot become a quorum queue in place: the
 * quorum queue gets a new name, and whatever an installation of the earlier version left in the classic one is
 * moved here.
 *
 * <p>Each move, for every {@link Move}: the old queue is unbound from its exchange (nothing routes there any more),
 * then its messages are taken without acknowledgement a batch at a time, published to the new queue (through the
 * default exchange, properties and body unchanged), and acknowledged in the old queue only once the broker has
 * confirmed the whole batch. A crash in between leaves the batch in both queues: a copy, never a loss (the
 * consumers of these queues tolerate copies). Once the old queue is empty and nobody consumes it, it is deleted.
 *
 * <p>It runs whenever a connection to RabbitMQ opens (at start, and again after an outage), on a thread of its own
 * so that it never delays the connection. A missing old queue, the normal case once upgraded, costs one passive
 * declaration per connection.
 */
public final class QueueUpgrade implements ConnectionListener, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(QueueUpgrade.class);
    private static final int BATCH = 500;
    private static final long CONFIRM_TIMEOUT_MS = 30_000;

    /**
     * One old queue and its successor.
     *
     * @param from the old queue's name
     * @param to the new queue, declared here too (as the application declares it) in case it does not exist yet
     * @param exchange the exchange the old queue is bound to, or null (a queue fed through the default exchange)
     * @param routingKey the old queue's binding key on {@code exchange}
     */
    public record Move(String from, Queue to, String exchange, String routingKey) {}

    private final List<Move> moves;
    private final ExecutorService thread;
    private final AtomicBoolean scheduled = new AtomicBoolean();

    public QueueUpgrade(List<Move> moves) {
        this.moves = List.copyOf(moves);
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "queue-upgrade");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void onCreate(Connection connection) {
        // One run at a time; a connection opened during a run is covered by that run.
        if (scheduled.compareAndSet(false, true)) {
            thread.execute(() -> {
                scheduled.set(false);
                run(connection);
            });
        }
    }

    /** Performs every move over this connection; a failure is logged and the next connection tries again. */
    void run(Connection connection) {
        for (Move move : moves) {
            try {
                long moved = move(connection.getDelegate(), move);
                if (moved >= 0) {
                    log.info(
                            "queue {} of the earlier layout: {} message(s) moved to {}",
                            move.from(),
                            moved,
                            move.to().getName());
                }
            } catch (IOException | TimeoutException | RuntimeException e) {
                log.warn(
                        "queue {} not moved to {} yet (tried again when a connection opens): {}",
                        move.from(),
                        move.to().getName(),
                        e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** @return the messages moved, or -1 when there is no old queue */
    private static long move(com.rabbitmq.client.Connection connection, Move move)
            throws IOException, TimeoutException, InterruptedException {
        Channel channel = connection.createChannel();
        try {
            try {
                channel.queueDeclarePassive(move.from());
            } catch (IOException notFound) {
                // The broker closed the channel (404): nothing of the earlier layout is left.
                return -1;
            }
            Queue to = move.to();
            channel.queueDeclare(to.getName(), to.isDurable(), to.isExclusive(), to.isAutoDelete(), to.getArguments());
            if (move.exchange() != null) {
                channel.queueUnbind(move.from(), move.exchange(), move.routingKey());
            }
            channel.confirmSelect();
            long moved = 0;
            while (true) {
                long lastTag = -1;
                int taken = 0;
                GetResponse message;
                while (taken < BATCH && (message = channel.basicGet(move.from(), false)) != null) {
                    channel.basicPublish("", to.getName(), message.getProps(), message.getBody());
                    lastTag = message.getEnvelope().getDeliveryTag();
                    taken++;
                }
                if (taken == 0) {
                    break;
                }
                channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MS);
                channel.basicAck(lastTag, true);
                moved += taken;
            }
            try {
                channel.queueDelete(move.from(), true, true);
            } catch (IOException inUseOrNotEmpty) {
                // A node of the earlier version still consumes it (or just put a message there): the next
                // connection of a node of this version moves what is left.
                log.warn("queue {} kept: {}", move.from(), inUseOrNotEmpty.getCause());
            }
            return moved;
        } finally {
            if (channel.isOpen()) {
                channel.close();
            }
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        thread.shutdownNow();
        thread.awaitTermination(5, TimeUnit.SECONDS);
    }
}
