package dev.platform.notification;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;

/**
 * One e-mail to send, as a RabbitMQ message: the ledger key (post, subscriber) and nothing else; the worker
 * reads what the e-mail says when it sends it. The request id that caused the publication travels in a header.
 */
record DeliveryJob(UUID postId, UUID subscriberId) {

    static final String REQUEST_ID_HEADER = "X-Request-Id";

    Message toMessage(String requestId) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setMessageId(postId + "." + subscriberId);
        if (requestId != null) {
            properties.setHeader(REQUEST_ID_HEADER, requestId);
        }
        String body = "{\"post_id\":\"" + postId + "\",\"subscriber_id\":\"" + subscriberId + "\"}";
        return new Message(body.getBytes(StandardCharsets.UTF_8), properties);
    }

    /** Reads a job back; the message id carries the key as well, which keeps parsing trivial. */
    static DeliveryJob from(Message message) {
        String id = message.getMessageProperties().getMessageId();
        int dot = id.indexOf('.');
        return new DeliveryJob(UUID.fromString(id.substring(0, dot)), UUID.fromString(id.substring(dot + 1)));
    }
}
