package org.maildrift.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code notificationDelivery}: DOWN when the oldest pending alert is older than
 * {@code maildrift.alerts.pending-alarm} (30 minutes): alerts are decided but do not reach anyone.
 */
@Component("notificationDelivery")
class NotificationDeliveryHealth implements HealthIndicator {

    private final Outbox outbox;
    private final AlertMailer mailer;
    private final AlertProperties properties;
    private final Clock clock;

    NotificationDeliveryHealth(Outbox outbox, AlertMailer mailer, AlertProperties properties, Clock clock) {
        this.outbox = outbox;
        this.mailer = mailer;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Health health() {
        Outbox.State s = outbox.state();
        Instant now = clock.instant();
        Health.Builder h = s.backlogOlderThan(properties.pendingAlarm(), now) ? Health.down() : Health.up();
        h.withDetail("pending", s.pending()).withDetail("failed", s.failed())
                .withDetail("relay", mailer.configured() ? mailer.relay() : "none configured (spring.mail.host)");
        if (s.oldestPending() != null) {
            h.withDetail("oldestPendingMinutes", Duration.between(s.oldestPending(), now).toMinutes());
        }
        if (s.lastError() != null) {
            h.withDetail("lastError", s.lastError());
        }
        return h.build();
    }
}
