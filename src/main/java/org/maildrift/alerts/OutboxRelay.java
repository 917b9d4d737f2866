package org.maildrift.alerts;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox on its own thread: when a transaction that wrote notices commits, every
 * {@code relay-poll}, and once at start-up (so notices a stopped or killed process left are sent). A
 * failed attempt is retried with exponential backoff; a check run never waits for SMTP.
 */
@Component
class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    private final Outbox outbox;
    private final AlertMailer mailer;
    private final AlertWebhooks webhooks;
    private final AlertMetrics metrics;
    private final java.time.Clock clock;
    private final AlertContent content;
    private final AlertProperties properties;
    private final Supplier<String> site;
    private final String instance = ManagementFactory.getRuntimeMXBean().getName();
    private final AtomicBoolean queued = new AtomicBoolean();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "maildrift-alerts");
        t.setDaemon(true);
        return t;
    });

    OutboxRelay(Outbox outbox, AlertMailer mailer, AlertWebhooks webhooks, AlertContent content,
            AlertProperties properties, SiteName site, AlertMetrics metrics, java.time.Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
        this.webhooks = webhooks;
        this.outbox = outbox;
        this.mailer = mailer;
        this.content = content;
        this.properties = properties;
        this.site = site::get;
        outbox.onCommit(this::wake);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!properties.relayPoll().isZero()) {
            long ms = properties.relayPoll().toMillis();
            executor.scheduleWithFixedDelay(this::deliverQuietly, 0, ms, TimeUnit.MILLISECONDS);
        }
    }

    /** Asks the relay thread to deliver what is due, soon (several wake-ups in a row make one pass). */
    void wake() {
        if (!properties.relayPoll().isZero() && queued.compareAndSet(false, true)) {
            executor.execute(() -> {
                queued.set(false);
                deliverQuietly();
            });
        }
    }

    private void deliverQuietly() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            LOG.error("alert relay pass failed; notices stay in the outbox", e);
        }
    }

    /** One pass over the due notices; the number sent. Tests call it directly with the relay poll off. */
    synchronized int deliverDue() {
        int sent = 0;
        for (String recipient : outbox.recipientsDue()) {
            boolean webhook = Recipients.isWebhook(recipient);
            if (!webhook && !mailer.configured()) {
                continue;
            }
            Optional<Outbox.Claimed> claimed;
            while ((claimed = outbox.claim(recipient, instance)).isPresent()) {
                Outbox.Claimed c = claimed.get();
                AlertContent.Rendered rendered = content.render(c.items(), site.get());
                try {
                    if (webhook) {
                        webhooks.send(c, rendered, site.get());
                    } else {
                        mailer.send(c.recipient(), c.messageId(), rendered);
                    }
                    outbox.sent(c.id(), rendered.subject());
                    metrics.sent(c.recipient());
                    sent++;
                    LOG.info("alert {} sent to {}: {}", c.messageId(), c.recipient(), rendered.subject());
                } catch (jakarta.mail.MessagingException | java.io.IOException | RuntimeException e) {
                    outbox.attemptFailed(c.id(), e.getMessage());
                    metrics.attemptFailed(c.recipient());
                    LOG.warn("alert {} to {} not delivered (attempt {}): {}", c.messageId(), c.recipient(),
                            c.attempts() + 1, e.getMessage());
                    break;
                }
            }
        }
        metrics.outbox(outbox.state(), clock.instant());
        return sent;
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
