package org.maildrift.alerts;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/** One e-mail as GreenMail received it, with its parts as text. */
record AlertMail(String subject, String messageId, String to, String returnPath, String text, String html,
        List<String> rawHeaders) {

    static AlertMail of(MimeMessage m) {
        try {
            List<String> headers = new ArrayList<>();
            m.getAllHeaderLines().asIterator().forEachRemaining(headers::add);
            StringBuilder text = new StringBuilder();
            StringBuilder html = new StringBuilder();
            collect(m, text, html);
            return new AlertMail(m.getSubject(), m.getMessageID(), m.getHeader("To", ","),
                    m.getHeader("Return-Path", ","), text.toString(), html.toString(), headers);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(Part p, StringBuilder text, StringBuilder html) throws MessagingException, IOException {
        if (p.isMimeType("text/plain")) {
            text.append(p.getContent());
        } else if (p.isMimeType("text/html")) {
            html.append(p.getContent());
        } else if (p.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) p.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart b = mp.getBodyPart(i);
                collect(b, text, html);
            }
        }
    }

    /** How many findings the e-mail links to. */
    int findingLinks() {
        return text.split("/findings/", -1).length - 1;
    }
}
