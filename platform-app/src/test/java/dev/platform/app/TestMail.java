package dev.platform.app;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * The in-process SMTP server of the end-to-end tests (GreenMail on a free port) behind {@link FaultySmtp},
 * which injects SMTP failures for chosen addresses. One per JVM, like the application context.
 */
final class TestMail {

    static final GreenMail GREEN_MAIL;
    static final FaultySmtp SMTP;

    static {
        GREEN_MAIL = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        GREEN_MAIL.start();
        try {
            SMTP = new FaultySmtp(GREEN_MAIL.getSmtp().getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TestMail() {}

    static int port() {
        return SMTP.port();
    }

    /** Every new-post e-mail received so far for this address (account e-mails: {@link #accountMailTo}). */
    static List<MimeMessage> to(String address) {
        return received(address).stream()
                .filter(message -> !isAccountMail(message))
                .toList();
    }

    /** Every account e-mail (verification) received so far for this address. */
    static List<MimeMessage> accountMailTo(String address) {
        return received(address).stream().filter(TestMail::isAccountMail).toList();
    }

    /** Account e-mails come from {@code platform.notifications.account-from} ({@code accounts@...}). */
    private static boolean isAccountMail(MimeMessage message) {
        try {
            return message.getFrom() != null
                    && Arrays.stream(message.getFrom())
                            .anyMatch(f -> f.toString().startsWith("accounts@"));
        } catch (MessagingException e) {
            return false;
        }
    }

    private static List<MimeMessage> received(String address) {
        return Arrays.stream(GREEN_MAIL.getReceivedMessages())
                .filter(message -> {
                    try {
                        return Arrays.stream(message.getAllRecipients())
                                .anyMatch(r -> r.toString().equalsIgnoreCase(address));
                    } catch (MessagingException e) {
                        return false;
                    }
                })
                .toList();
    }

    /** Messages received for this post (recognised by its id in the Message-ID). */
    static List<MimeMessage> about(String postId) {
        return Arrays.stream(GREEN_MAIL.getReceivedMessages())
                .filter(message -> {
                    try {
                        return message.getMessageID() != null
                                && message.getMessageID().contains(postId);
                    } catch (MessagingException e) {
                        return false;
                    }
                })
                .toList();
    }
}
