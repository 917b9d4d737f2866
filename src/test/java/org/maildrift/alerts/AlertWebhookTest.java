package org.maildrift.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.maildrift.checks.FindingLedger;
import org.maildrift.rules.CheckReport;
import org.maildrift.testsupport.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhook channel: a real HTTP server on loopback receives the notices as JSON, signed when a secret
 * is configured; a failed answer is retried with the same delivery id.
 */
@SpringBootTest(properties = "maildrift.alerts.relay-poll=0")
@org.springframework.context.annotation.Import(MutableClock.Configuration.class)
class AlertWebhookTest {

    record Received(Map<String, String> headers, String body) {
    }

    static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    static final AtomicInteger FAILURES_TO_GIVE = new AtomicInteger();
    static final HttpServer SERVER = start();

    static HttpServer start() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            s.createContext("/hook", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                int status = FAILURES_TO_GIVE.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 204;
                if (status == 204) {
                    Map<String, String> h = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                    exchange.getRequestHeaders().forEach((k, v) -> h.put(k, v.get(0)));
                    RECEIVED.add(new Received(h, new String(body, StandardCharsets.UTF_8)));
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            s.start();
            return s;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        SERVER.stop(0);
    }

    @DynamicPropertySource
    static void hook(DynamicPropertyRegistry r) {
        // a list binds from one property source: every field of the webhook comes from here
        r.add("maildrift.alerts.webhooks[0].url", () -> "http://127.0.0.1:" + SERVER.getAddress().getPort() + "/hook");
        r.add("maildrift.alerts.webhooks[0].min-severity", () -> "critical");
    }

    @Autowired
    FindingLedger ledger;
    @Autowired
    OutboxRelay relay;
    @Autowired
    MutableClock clock;
    @Autowired
    Alerts alerts;
    @Autowired
    AlertProperties properties;

    @Test
    void criticalDriftIsPostedAsJsonAndAFailedPostIsRetriedWithTheSameDeliveryId() throws Exception {
        FAILURES_TO_GIVE.set(1);
        ledger.record(new FindingLedger.Outcome(clock.instant(), "test", "inventory.yml", new CheckReport(List.of(
                AlertsTest.canonical("ml.example.com"),
                AlertsTest.finding("mx-target-is-alias", org.maildrift.rules.Severity.WARNING, "hub", "mx.example.com")),
                List.of()), 1), 1);
        clock.advance(Duration.ofSeconds(30));
        relay.deliverDue();
        assertThat(RECEIVED).isEmpty();
        assertThat(alerts.notices(5).get(0).lastError()).contains("answered HTTP 500");
        clock.advance(Duration.ofSeconds(30));
        relay.deliverDue();

        assertThat(RECEIVED).hasSize(1);
        Received r = RECEIVED.get(0);
        assertThat(r.headers().get("Content-Type")).isEqualTo("application/json");
        assertThat(r.headers().get("X-Maildrift-Delivery")).isEqualTo(alerts.notices(5).get(0).messageId());
        assertThat(r.headers()).doesNotContainKey("X-Maildrift-Signature");
        @SuppressWarnings("unchecked")
        Map<String, Object> json = JsonMapper.builder().build().readValue(r.body(), Map.class);
        assertThat(json).containsEntry("site", "hq").containsEntry("subject", "[maildrift] hq: 1 new (1 critical)");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) json.get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0)).containsEntry("kind", "new").containsEntry("rule", "canonical-name-not-accepted")
                .containsEntry("subject", "ml.example.com").containsKey("fix");
        // webhooks only: no e-mail recipients, so no complaint about the missing SMTP relay
        assertThat(alerts.status().warnings()).noneMatch(w -> w.contains("spring.mail.host"));
        assertThat(alerts.status().recipients()).containsExactly("webhook http://127.0.0.1:" + SERVER.getAddress().getPort());
    }

    @Test
    void aSecretSignsTheBodyAndAMissingSecretSendsNothing() throws Exception {
        AlertProperties.Webhook signed = new AlertProperties.Webhook(
                java.net.URI.create("http://127.0.0.1:" + SERVER.getAddress().getPort() + "/hook"), "HOOK_SECRET",
                List.of(), "");
        AlertProperties withSecret = new AlertProperties(true, "warning", List.of(), List.of(), List.of(signed),
                "maildrift@example.com", "", "https://maildrift.example.com", Duration.ZERO, Duration.ZERO,
                Duration.ofHours(24), 3, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofHours(24),
                Duration.ofMinutes(30), Duration.ZERO);
        Outbox.Claimed notice = new Outbox.Claimed(1, "webhook:0", "<maildrift.test@example.com>", 0, List.of(
                AlertItem.blind(NoticeKind.TEST, "test alert", null, "a test", Instant.EPOCH)), Instant.EPOCH);
        AlertContent.Rendered rendered = new AlertContent.Rendered("[maildrift] test alert", "text", "<p>html</p>");
        RECEIVED.clear();

        new AlertWebhooks(withSecret, name -> name.equals("HOOK_SECRET") ? "s3cret" : null).send(notice, rendered, "hq");
        Received r = RECEIVED.get(0);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(r.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(r.headers().get("X-Maildrift-Signature")).isEqualTo(expected);

        assertThatThrownBy(() -> new AlertWebhooks(withSecret, name -> null).send(notice, rendered, "hq"))
                .hasMessageContaining("HOOK_SECRET").hasMessageContaining("nothing was sent unsigned");
        assertThat(RECEIVED).hasSize(1);
    }

    @Test
    void aWebhookUrlMustBeHttp() {
        assertThatThrownBy(() -> new AlertProperties.Webhook(java.net.URI.create("file:///etc/passwd"), "", List.of(), ""))
                .hasMessageContaining("is not an http(s) URL");
        assertThat(properties.webhooks()).hasSize(1);
    }
}
