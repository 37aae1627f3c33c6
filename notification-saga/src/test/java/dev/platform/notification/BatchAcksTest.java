package dev.platform.notification;

import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import com.rabbitmq.client.Channel;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

/** A batch's settlements: rejections and requeues at once, acknowledgements as one at the end, nothing left over. */
class BatchAcksTest {

    private final Channel channel = mock(Channel.class);

    private static List<Message> batch(long... tags) {
        return LongStream.of(tags)
                .mapToObj(tag -> {
                    MessageProperties properties = new MessageProperties();
                    properties.setDeliveryTag(tag);
                    return new Message(new byte[0], properties);
                })
                .toList();
    }

    @Test
    void acknowledgementsAreKeptUntilTheBatchIsDoneAndSentAsOne() throws Exception {
        BatchAcks acks = new BatchAcks(channel, batch(7, 8, 9, 10));

        acks.ack(7);
        acks.reject(8);
        acks.ack(9);
        acks.requeue(10);

        InOrder order = inOrder(channel);
        order.verify(channel).basicNack(8, false, false);
        order.verify(channel).basicNack(10, false, true);
        verifyNoMoreInteractions(channel);

        acks.finish();
        order.verify(channel).basicAck(9, true);
        verifyNoMoreInteractions(channel);
    }

    @Test
    void aMessageLeftUnsettledIsRequeuedBeforeTheAcknowledgementThatWouldOtherwiseCoverIt() throws Exception {
        BatchAcks acks = new BatchAcks(channel, batch(1, 2, 3));

        acks.ack(1);
        acks.reject(3);
        acks.finish();

        InOrder order = inOrder(channel);
        order.verify(channel).basicNack(3, false, false);
        order.verify(channel).basicNack(2, false, true);
        order.verify(channel).basicAck(1, true);
        verifyNoMoreInteractions(channel);
    }

    @Test
    void aBatchWithNothingToAcknowledgeSendsNoAcknowledgement() throws Exception {
        BatchAcks acks = new BatchAcks(channel, batch(4));

        acks.reject(4);
        acks.finish();

        verify(channel).basicNack(4, false, false);
        verifyNoMoreInteractions(channel);
    }
}
