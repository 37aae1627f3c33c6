package dev.platform.notification;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ConnectException;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;

/** Which failures of an SMTP exchange are retried: the reply code decides, wherever Jakarta Mail hid it. */
class SmtpFailuresTest {

    private static InternetAddress address() throws Exception {
        return new InternetAddress("reader@example.com");
    }

    /** What Spring's mail sender throws when the server refused a recipient: the reply is two levels down. */
    private static MailSendException refusedRecipient(int code) throws Exception {
        SendFailedException perMessage = new SendFailedException(
                "Invalid Addresses",
                new SMTPAddressFailedException(address(), "RCPT TO", code, code + " mailbox unavailable"),
                new Address[0],
                new Address[0],
                new Address[] {address()});
        return new MailSendException(
                Map.<Object, Exception>of(new MimeMessage((jakarta.mail.Session) null), perMessage));
    }

    @Test
    void aRefusedRecipientWithA5xxReplyIsPermanent() throws Exception {
        MailSendException failure = refusedRecipient(550);

        assertThat(SmtpFailures.replyCode(failure)).hasValue(550);
        assertThat(SmtpFailures.isPermanent(failure)).isTrue();
    }

    @Test
    void aGreylistingReplyIsTransient() throws Exception {
        MailSendException failure = refusedRecipient(451);

        assertThat(SmtpFailures.replyCode(failure)).hasValue(451);
        assertThat(SmtpFailures.isPermanent(failure)).isFalse();
    }

    @Test
    void aRefusedMessageOrSenderIsFoundAlongTheCauseChainAndTheChainedExceptions() throws Exception {
        MessagingException sender = new MessagingException("send failed");
        sender.setNextException(new SMTPSenderFailedException(address(), "MAIL FROM", 553, "553 not allowed"));
        RuntimeException wrapped = new RuntimeException(
                "data", new SMTPSendFailedException("DATA", 554, "554 rejected", null, null, null, null));

        assertThat(SmtpFailures.replyCode(sender)).hasValue(553);
        assertThat(SmtpFailures.isPermanent(wrapped)).isTrue();
    }

    @Test
    void aFailureWithoutAReplyIsTransient() {
        MailSendException refused = new MailSendException("Mail server connection failed", new ConnectException());

        assertThat(SmtpFailures.replyCode(refused)).isEmpty();
        assertThat(SmtpFailures.isPermanent(refused)).isFalse();
    }

    @Test
    void aChainThatLoopsBackEndsTheSearch() {
        MessagingException first = new MessagingException("first");
        MessagingException second = new MessagingException("second", first);
        first.setNextException(second);

        assertThat(SmtpFailures.replyCode(first)).isEmpty();
    }
}
