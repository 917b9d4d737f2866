package org.maildrift.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.maildrift.checks.LedgerEntry;
import org.springframework.stereotype.Service;

/** What the dashboard shows and does about alerts: delivery status and its warnings, the outbox, test alerts. */
@Service
public class Alerts {

    /** Local parts whose mailbox nobody reads, by convention. */
    private static final Pattern UNREAD = Pattern.compile(
            "(no|do-?not|dont)[-_.]?reply|noreply|nobody|null|devnull|dev-null|blackhole|bounces?-?ignore",
            Pattern.CASE_INSENSITIVE);

    private final AlertProperties properties;
    private final Recipients recipients;
    private final AlertMailer mailer;
    private final Outbox outbox;
    private final Silences silences;
    private final Clock clock;
    private final AlertWebhooks webhooks;

    Alerts(AlertProperties properties, Recipients recipients, AlertMailer mailer, Outbox outbox, Silences silences,
            Clock clock, AlertWebhooks webhooks) {
        this.webhooks = webhooks;
        this.properties = properties;
        this.recipients = recipients;
        this.mailer = mailer;
        this.outbox = outbox;
        this.silences = silences;
        this.clock = clock;
    }

    /**
     * The delivery status: whether alerts can reach anyone, and each reason they might not, in words.
     * {@code delivering} is false when a warning means alerts are not reaching people now.
     */
    public record Status(boolean enabled, String relay, List<String> recipients, String from, String envelopeFrom,
            Outbox.State outbox, boolean delivering, List<String> warnings) {
    }

    public Status status() {
        Outbox.State state = outbox.state();
        Instant now = clock.instant();
        List<String> warnings = new ArrayList<>();
        boolean delivering = true;
        if (!properties.enabled()) {
            warnings.add("Alerts are turned off (maildrift.alerts.enabled=false): nobody is told about drift.");
            delivering = false;
        }
        if (recipients.none()) {
            warnings.add("No alert recipients are configured (maildrift.alerts.to): nobody is told about drift.");
            delivering = false;
        }
        boolean mailRecipients = recipients.everyone().stream().anyMatch(r -> !Recipients.isWebhook(r));
        if (!mailer.configured() && (mailRecipients || recipients.none())) {
            warnings.add("Alerts are not being delivered: no SMTP relay is configured (spring.mail.host)."
                    + (state.pending() > 0 ? " " + state.pending() + " alert e-mails wait in the outbox." : ""));
            delivering = false;
        } else if (state.backlogOlderThan(properties.pendingAlarm(), now)) {
            warnings.add("Alerts are not being delivered: the oldest of " + state.pending() + " waiting e-mails is "
                    + Duration.between(state.oldestPending(), now).toMinutes() + " minutes old"
                    + (state.lastError() == null ? "." : "; the relay said: " + state.lastError()));
            delivering = false;
        }
        if (state.failed() > 0) {
            warnings.add(state.failed() + " alert e-mails were given up on after " + properties.giveUpAfter().toHours()
                    + " h of retries; resend them below once the relay works.");
        }
        if (unreadEnvelope(properties.envelopeFrom())) {
            warnings.add(properties.envelopeFrom().isBlank()
                    ? "No envelope sender is set (maildrift.alerts.envelope-from): bounces of maildrift's own alerts"
                            + " go to " + properties.from() + ", and would go unread if nobody reads it."
                    : "The envelope sender " + properties.envelopeFrom() + " looks like a no-reply address: bounces of"
                            + " maildrift's own alerts would go unread, which is how the incident maildrift exists for"
                            + " went unnoticed.");
        }
        List<String> who = recipients.everyone().stream()
                .map(r -> Recipients.isWebhook(r) ? webhooks.describe(r) : r).toList();
        return new Status(properties.enabled(), mailer.relay(), who, properties.from(),
                properties.envelopeFrom(), state, delivering, warnings);
    }

    static boolean unreadEnvelope(String envelopeFrom) {
        if (envelopeFrom == null || envelopeFrom.isBlank()) {
            return true;
        }
        String local = envelopeFrom.contains("@") ? envelopeFrom.substring(0, envelopeFrom.lastIndexOf('@'))
                : envelopeFrom;
        return UNREAD.matcher(local.toLowerCase(Locale.ROOT)).find();
    }

    public List<Notice> notices(int max) {
        return outbox.recent(max);
    }

    public Optional<Notice> notice(long id) {
        return outbox.notice(id);
    }

    public List<AlertItem> items(long noticeId) {
        return outbox.items(noticeId);
    }

    public boolean resend(long noticeId) {
        return outbox.resend(noticeId);
    }

    /** Queues a test alert to every recipient; how many were queued. */
    public int sendTest(String by) {
        return outbox.sendTest(by);
    }

    public Optional<Silence> silenceFor(LedgerEntry finding) {
        return silences.covering(finding);
    }
}
