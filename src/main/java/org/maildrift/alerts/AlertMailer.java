package org.maildrift.alerts;

import java.util.Date;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends one rendered alert through Spring's {@link JavaMailSender} (configured by {@code spring.mail.*}):
 * HTML with a plain-text alternative, the notice's own Message-ID (the same on every retry, so a
 * duplicate is recognisable), and the configured envelope sender so that bounces reach someone.
 */
@Component
class AlertMailer {

    private final ObjectProvider<JavaMailSender> sender;
    private final AlertProperties properties;
    private final String from;
    private final String envelopeFrom;

    AlertMailer(ObjectProvider<JavaMailSender> sender, AlertProperties properties) {
        this.sender = sender;
        this.properties = properties;
        this.from = Recipients.address(properties.from(), "maildrift.alerts.from");
        this.envelopeFrom = properties.envelopeFrom().isBlank() ? null
                : Recipients.address(properties.envelopeFrom(), "maildrift.alerts.envelope-from");
    }

    /** True when an SMTP relay is configured ({@code spring.mail.host}). */
    boolean configured() {
        return sender.getIfAvailable() != null;
    }

    /** Where the relay is, for people: host:port, or null when none is configured. */
    String relay() {
        JavaMailSender s = sender.getIfAvailable();
        if (s instanceof JavaMailSenderImpl impl) {
            return impl.getHost() + ":" + (impl.getPort() > 0 ? impl.getPort() : 25);
        }
        return s == null ? null : "configured";
    }

    synchronized void send(String recipient, String messageId, AlertContent.Rendered content) throws MessagingException {
        JavaMailSender s = sender.getIfAvailable();
        if (s == null) {
            throw new MessagingException("no SMTP relay configured (spring.mail.host)");
        }
        if (envelopeFrom != null && s instanceof JavaMailSenderImpl impl
                && !envelopeFrom.equals(impl.getJavaMailProperties().getProperty("mail.smtp.from"))) {
            // SMTP's MAIL FROM (the Return-Path) comes from the session; setting the properties renews it
            java.util.Properties p = impl.getJavaMailProperties();
            p.setProperty("mail.smtp.from", envelopeFrom);
            impl.setJavaMailProperties(p);
        }
        Session session = s instanceof JavaMailSenderImpl impl ? impl.getSession() : s.createMimeMessage().getSession();
        MimeMessage message = new FixedIdMessage(session, messageId);
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom(new InternetAddress(from));
        helper.setTo(new InternetAddress(recipient));
        helper.setSubject(AlertContent.header(content.subject(), 200));
        helper.setSentDate(new Date());
        helper.setText(content.text(), content.html());
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader("X-Auto-Response-Suppress", "All");
        try {
            s.send(message);
        } catch (MailException e) {
            throw new MessagingException(describe(e), e);
        }
    }

    private static String describe(Throwable e) {
        StringBuilder b = new StringBuilder();
        List<Throwable> seen = new java.util.ArrayList<>();
        for (Throwable t = e; t != null && !seen.contains(t); t = t.getCause()) {
            seen.add(t);
            if (t.getMessage() != null && b.indexOf(t.getMessage()) < 0) {
                b.append(b.length() > 0 ? ": " : "").append(t.getMessage());
            }
        }
        return b.toString();
    }

    /** A message that keeps the Message-ID it was given (JavaMail would make a new one on every send). */
    static final class FixedIdMessage extends MimeMessage {
        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
