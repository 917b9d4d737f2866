package org.maildrift.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Prometheus metrics of alert delivery: notices sent and attempts failed per channel (email, webhook),
 * and the outbox's waiting and failed notices and the age of the oldest waiting one, refreshed after each
 * relay pass (not queried on each scrape). Alert on {@code maildrift_alerts_oldest_pending_seconds}.
 */
@Component
class AlertMetrics {

    private final MeterRegistry registry;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong oldest = new AtomicLong();

    AlertMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("maildrift.alerts.pending", pending, AtomicLong::get).description("alert notices waiting")
                .register(registry);
        Gauge.builder("maildrift.alerts.failed", failed, AtomicLong::get)
                .description("alert notices given up on (resend from the dashboard)").register(registry);
        Gauge.builder("maildrift.alerts.oldest.pending", oldest, AtomicLong::get).baseUnit("seconds")
                .description("age of the oldest waiting alert notice").register(registry);
    }

    void sent(String recipient) {
        Counter.builder("maildrift.alerts.sent").tag("channel", channel(recipient)).description("alert notices delivered")
                .register(registry).increment();
    }

    void attemptFailed(String recipient) {
        Counter.builder("maildrift.alerts.attempts.failed").tag("channel", channel(recipient))
                .description("failed delivery attempts").register(registry).increment();
    }

    void outbox(Outbox.State state, Instant now) {
        pending.set(state.pending());
        failed.set(state.failed());
        oldest.set(state.oldestPending() == null ? 0 : Math.max(0, Duration.between(state.oldestPending(), now).toSeconds()));
    }

    private static String channel(String recipient) {
        return Recipients.isWebhook(recipient) ? "webhook" : "email";
    }
}
