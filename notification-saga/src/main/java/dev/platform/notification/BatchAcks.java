package dev.platform.notification;

import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;

/**
 * How a worker settles one batch of messages with RabbitMQ: rejections and requeues at once, acknowledgements
 * kept and sent as one ({@code basic.ack} with {@code multiple}) when the batch is done, instead of one frame and
 * one settlement of the quorum queue per message. An acknowledgement is kept only for a message whose outcome is
 * recorded in the ledger, so a worker that dies before {@link #finish} loses nothing: the messages come back and
 * their claims find the deliveries finished.
 *
 * <p>{@code multiple} acknowledges every unsettled message of the channel up to the tag, so {@link #finish}
 * settles every message of the batch first: one the worker left unsettled (an exception it did not plan for) is
 * put back in the queue, as RabbitMQ would do when its channel closed.
 */
final class BatchAcks {

    private static final Logger log = LoggerFactory.getLogger(BatchAcks.class);

    private final Channel channel;
    private final Set<Long> unsettled = new LinkedHashSet<>();
    private long acknowledgedUpTo = -1;

    BatchAcks(Channel channel, List<Message> batch) {
        this.channel = channel;
        batch.forEach(message -> unsettled.add(message.getMessageProperties().getDeliveryTag()));
    }

    /** The message is done with: acknowledged with the rest of the batch. */
    void ack(long tag) {
        unsettled.remove(tag);
        acknowledgedUpTo = Math.max(acknowledgedUpTo, tag);
    }

    /** Rejected into the dead-letter queue, now. */
    void reject(long tag) throws IOException {
        unsettled.remove(tag);
        channel.basicNack(tag, false, false);
    }

    /** Back to the queue, now; a broken channel puts it back anyway. */
    void requeue(long tag) {
        unsettled.remove(tag);
        try {
            channel.basicNack(tag, false, true);
        } catch (IOException e) {
            log.debug("could not requeue message {}: {}", tag, e.getMessage());
        }
    }

    /** Puts back what is left unsettled, then acknowledges the kept ones at once. */
    void finish() throws IOException {
        for (long tag : List.copyOf(unsettled)) {
            log.warn("message {} left unsettled by its worker, requeued", tag);
            requeue(tag);
        }
        if (acknowledgedUpTo >= 0) {
            channel.basicAck(acknowledgedUpTo, true);
            acknowledgedUpTo = -1;
        }
    }
}
