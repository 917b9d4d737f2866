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
        @Valid @DefaultValue List<Webhook> webhooks,
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

    /**
     * A generic webhook that receives the same notices as e-mail, as signed JSON: its URL, the name of the
     * environment variable that holds the HMAC secret (the secret itself stays out of the configuration),
     * and which findings it hears about, as for routes.
     */
    public record Webhook(@NotNull java.net.URI url, @DefaultValue("") String secretEnv,
            @DefaultValue List<String> hosts, @DefaultValue("") String minSeverity) {
        public Webhook {
            hosts = List.copyOf(hosts);
            if (!"https".equalsIgnoreCase(url.getScheme()) && !"http".equalsIgnoreCase(url.getScheme())) {
                throw new IllegalArgumentException("maildrift.alerts.webhooks[].url: '" + url + "' is not an http(s) URL");
            }
        }
    }

    public AlertProperties {
        to = List.copyOf(to);
        routes = List.copyOf(routes);
        webhooks = List.copyOf(webhooks);
        Severity.parse(minSeverity);
        for (Route r : routes) {
            if (!r.minSeverity().isBlank()) {
                Severity.parse(r.minSeverity());
            }
        }
        for (Webhook w : webhooks) {
            if (!w.minSeverity().isBlank()) {
                Severity.parse(w.minSeverity());
            }
        }
    }
}
