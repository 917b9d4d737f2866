package org.maildrift.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

/**
 * Fetches MTA-STS policies with the JDK HTTP client as RFC 8461 section 3.3 says senders do: HTTPS only,
 * a certificate valid for {@code mta-sts.DOMAIN}, no redirects, status 200, media type text/plain, and a
 * body of at most {@link MtaSts#MAX_POLICY_BYTES} read within the timeout.
 */
public final class PolicyFetcher {

    private final HttpClient client;
    private final Duration timeout;
    private final Function<String, URI> where;

    /** With the JDK's trusted CAs and the standard location. */
    public static PolicyFetcher standard(Duration timeout) {
        try {
            return new PolicyFetcher(SSLContext.getDefault(), timeout, PolicyFetcher::standardUri);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has a default TLS context", e);
        }
    }

    /** {@code where} gives the policy URI of a domain (tests serve it on loopback); {@code tls} whom to trust. */
    public PolicyFetcher(SSLContext tls, Duration timeout, Function<String, URI> where) {
        this.client = HttpClient.newBuilder().sslContext(tls).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        this.timeout = timeout;
        this.where = where;
    }

    public static URI standardUri(String domain) {
        return URI.create("https://mta-sts." + domain + "/.well-known/mta-sts.txt");
    }

    /** The whole fetch, body included, ends within twice the timeout; a slow body is cut off. */
    public PolicyFetch fetch(String domain) {
        java.util.concurrent.atomic.AtomicReference<InputStream> open = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.CompletableFuture<PolicyFetch> f = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> fetchNow(domain, open));
        try {
            return f.get(timeout.toMillis() * 2, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            InputStream in = open.get();
            if (in != null) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // closing is all that is left to do
                }
            }
            f.cancel(true);
            return PolicyFetch.failed(standardUri(domain).toString(), "the policy was not fetched within "
                    + timeout.multipliedBy(2).toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PolicyFetch.failed(standardUri(domain).toString(), "interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            return PolicyFetch.failed(standardUri(domain).toString(), "the policy could not be fetched: "
                    + e.getCause().getClass().getSimpleName());
        }
    }

    private PolicyFetch fetchNow(String domain, java.util.concurrent.atomic.AtomicReference<InputStream> open) {
        URI uri;
        try {
            uri = where.apply(domain);
        } catch (IllegalArgumentException e) {
            return PolicyFetch.definiteFailure(domain, "mta-sts." + domain + " is not a valid host for a URL");
        }
        String source = uri.toString();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (SSLHandshakeException e) {
            return PolicyFetch.definiteFailure(source, "the HTTPS certificate is not valid for " + uri.getHost()
                    + " (senders refuse the policy): " + org.maildrift.files.Printable.of(String.valueOf(e.getMessage()), 200));
        } catch (IOException e) {
            return PolicyFetch.failed(source, "the policy could not be fetched: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PolicyFetch.failed(source, "interrupted");
        }
        open.set(response.body());
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status != 200) {
                return PolicyFetch.definiteFailure(source, "HTTP " + status + (status / 100 == 3
                        ? " (a redirect, which senders do not follow)" : "") + " instead of the policy");
            }
            String type = response.headers().firstValue("content-type").orElse("").toLowerCase(Locale.ROOT);
            if (!type.startsWith("text/plain")) {
                return PolicyFetch.definiteFailure(source, "the media type is "
                        + (type.isEmpty() ? "missing" : org.maildrift.files.Printable.of(type, 60)) + ", not text/plain");
            }
            byte[] bytes = body.readNBytes(MtaSts.MAX_POLICY_BYTES + 1);
            if (bytes.length > MtaSts.MAX_POLICY_BYTES) {
                return PolicyFetch.definiteFailure(source, "the policy is larger than " + MtaSts.MAX_POLICY_BYTES + " bytes");
            }
            return PolicyFetch.ok(new String(bytes, StandardCharsets.UTF_8), source);
        } catch (IOException e) {
            return PolicyFetch.failed(source, "the policy could not be read: " + e.getClass().getSimpleName());
        }
    }
}
