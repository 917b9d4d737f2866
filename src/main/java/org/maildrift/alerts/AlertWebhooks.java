package org.maildrift.alerts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhook channel: the same notice as the e-mail, as JSON, POSTed to each configured URL. The body
 * is signed with HMAC-SHA256 under the secret named by {@code secret-env}
 * ({@code X-Maildrift-Signature: sha256=HEX}); {@code X-Maildrift-Delivery} carries the notice's
 * Message-ID, the same on every retry. Anything but a 2xx answer is a failed attempt, retried as e-mail is.
 */
@Component
class AlertWebhooks {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final AlertProperties properties;
    private final Function<String, String> environment;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final JsonMapper json = JsonMapper.builder().build();

    @org.springframework.beans.factory.annotation.Autowired
    AlertWebhooks(AlertProperties properties) {
        this(properties, System::getenv);
    }

    AlertWebhooks(AlertProperties properties, Function<String, String> environment) {
        this.properties = properties;
        this.environment = environment;
    }

    /** Where webhook N posts to, for people: scheme, host and port only (a path may carry a token). */
    String describe(String recipient) {
        AlertProperties.Webhook w = webhook(recipient);
        URI u = w.url();
        return "webhook " + u.getScheme() + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "");
    }

    void send(Outbox.Claimed notice, AlertContent.Rendered rendered, String site) throws IOException {
        AlertProperties.Webhook w = webhook(notice.recipient());
        byte[] body = json.writeValueAsBytes(payload(notice, rendered, site));
        HttpRequest.Builder request = HttpRequest.newBuilder(w.url()).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "maildrift")
                .header("X-Maildrift-Delivery", notice.messageId())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (!w.secretEnv().isBlank()) {
            String secret = environment.apply(w.secretEnv());
            if (secret == null || secret.isEmpty()) {
                throw new IOException("the environment variable " + w.secretEnv() + " that holds the webhook's secret"
                        + " is not set; nothing was sent unsigned");
            }
            request.header("X-Maildrift-Signature", "sha256=" + sign(secret, body));
        }
        HttpResponse<Void> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException(describe(notice.recipient()) + " answered HTTP " + response.statusCode());
        }
    }

    private Map<String, Object> payload(Outbox.Claimed notice, AlertContent.Rendered rendered, String site) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("messageId", notice.messageId());
        m.put("site", site);
        m.put("subject", rendered.subject());
        String base = properties.dashboardUrl().replaceAll("/+$", "");
        List<Object> items = new ArrayList<>();
        for (AlertItem i : notice.items()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("kind", i.kind().name().toLowerCase(java.util.Locale.ROOT));
            e.put("rule", i.rule());
            e.put("severity", i.severity());
            e.put("host", i.host());
            e.put("subject", i.subject());
            e.put("message", i.message());
            e.put("fix", i.fix());
            e.put("evidence", i.evidence());
            e.put("location", i.location());
            e.put("since", i.since() == null ? null : i.since().toString());
            e.put("link", i.isFinding() ? base + "/findings/" + i.findingId() : base + "/");
            items.add(e);
        }
        m.put("items", items);
        return m;
    }

    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private AlertProperties.Webhook webhook(String recipient) {
        int i = Integer.parseInt(recipient.substring(Recipients.WEBHOOK.length()));
        if (i >= properties.webhooks().size()) {
            throw new IllegalStateException("maildrift.alerts.webhooks[" + i + "] is no longer configured");
        }
        return properties.webhooks().get(i);
    }
}
