package org.maildrift.alerts;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.maildrift.rules.Severity;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code maildrift.alerts.*}: who is told (default recipients and routes by host and severity), from
 * which addresses, when (group wait and interval, repeat interval, runs before "blind"), and how hard
 * delivery tries (backoff, how long before a notice is marked failed, how old a pending notice may get
 * before health turns DOWN). The SMTP relay itself is Spring's {@code spring.mail.*}.
 */
@ConfigurationProperties("maildrift.alerts")
@Validated
public record AlertProperties(
        @DefaultValue("true") boolean enabled,
        @NotNull @DefaultValue("warning") String minSeverity,
        @DefaultValue List<String> to,
        @Valid @DefaultValue List<Route> routes,
        @NotNull @DefaultValue("maildrift@localhost") String from,
        @DefaultValue("") String envelopeFrom,
        @NotNull @DefaultValue("http://localhost:8080") String dashboardUrl,
        @NotNull @DefaultValue("30s") Duration groupWait,
        @NotNull @DefaultValue("5m") Duration groupInterval,
        @NotNull @DefaultValue("24h") Duration repeatInterval,
        @Min(1) @Max(1000) @DefaultValue("3") int blindAfter,
        @NotNull @DefaultValue("30s") Duration retryFirst,
        @NotNull @DefaultValue("15m") Duration retryCap,
        @NotNull @DefaultValue("24h") Duration giveUpAfter,
        @NotNull @DefaultValue("30m") Duration pendingAlarm,
        @NotNull @DefaultValue("10s") Duration relayPoll) {

    /**
     * Extra recipients for findings on some hosts (empty: any host) at or above a severity (empty: the
     * global minimum).
     */
    public record Route(@NotEmpty List<String> to, @DefaultValue List<String> hosts, @DefaultValue("") String minSeverity) {
        public Route {
            to = List.copyOf(to);
            hosts = List.copyOf(hosts);
        }
    }

    public AlertProperties {
        to = List.copyOf(to);
        routes = List.copyOf(routes);
        Severity.parse(minSeverity);
        for (Route r : routes) {
            if (!r.minSeverity().isBlank()) {
                Severity.parse(r.minSeverity());
            }
        }
    }
}
