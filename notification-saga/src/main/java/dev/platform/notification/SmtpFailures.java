package dev.platform.notification;

import jakarta.mail.MessagingException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.springframework.mail.MailSendException;

/**
 * Tells a permanent SMTP failure (a 5xx reply: never retried) from a transient one (a 4xx reply, a refused or
 * broken connection: retried with backoff). The reply code is found anywhere in the cause chain, including
 * the chained exceptions of {@link MessagingException} that Jakarta Mail uses for per-recipient failures.
 */
final class SmtpFailures {

    private SmtpFailures() {}

    static boolean isPermanent(Throwable failure) {
        OptionalInt code = replyCode(failure);
        return code.isPresent() && code.getAsInt() >= 500 && code.getAsInt() < 600;
    }

    static OptionalInt replyCode(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        ArrayDeque<Throwable> todo = new ArrayDeque<>();
        todo.add(failure);
        while (!todo.isEmpty()) {
            Throwable current = todo.poll();
            if (!seen.add(current)) {
                continue;
            }
            OptionalInt code = returnCodeOf(current);
            if (code.isPresent()) {
                return code;
            }
            if (current instanceof MessagingException messaging && messaging.getNextException() != null) {
                todo.add(messaging.getNextException());
            }
            if (current instanceof MailSendException send) {
                todo.addAll(send.getFailedMessages().values());
                todo.addAll(Arrays.asList(send.getMessageExceptions()));
            }
            if (current.getCause() != null) {
                todo.add(current.getCause());
            }
        }
        return OptionalInt.empty();
    }

    private static OptionalInt returnCodeOf(Throwable failure) {
        if (failure instanceof SMTPAddressFailedException address) {
            return OptionalInt.of(address.getReturnCode());
        }
        if (failure instanceof SMTPSendFailedException send) {
            return OptionalInt.of(send.getReturnCode());
        }
        if (failure instanceof SMTPSenderFailedException sender) {
            return OptionalInt.of(sender.getReturnCode());
        }
        return OptionalInt.empty();
    }
}
