package dev.platform.notification;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;

/**
 * One account e-mail to send, as a message of the same work queue as new-post deliveries: the {@link #KIND_HEADER}
 * header tells the worker which ledger it belongs to; the body names the row and nothing else (no token: the
 * worker signs it when it writes the e-mail).
 */
record AccountMailJob(UUID id) {

    static final String KIND_HEADER = "X-Mail-Kind";
    static final String KIND = "account";

    static boolean is(Message message) {
        return KIND.equals(message.getMessageProperties().getHeader(KIND_HEADER));
    }

    Message toMessage() {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setMessageId(KIND + "." + id);
        properties.setHeader(KIND_HEADER, KIND);
        return new Message(("{\"account_email_id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8), properties);
    }

    static AccountMailJob from(Message message) {
        String id = message.getMessageProperties().getMessageId();
        return new AccountMailJob(UUID.fromString(id.substring(KIND.length() + 1)));
    }
}
