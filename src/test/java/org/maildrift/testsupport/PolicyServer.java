package org.maildrift.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A real HTTPS server on loopback serving MTA-STS policies, with a certificate for {@code localhost} issued by
 * a test CA that openssl makes; {@link #clientTls()} trusts that CA only. Each domain's response (status,
 * media type, body, delay) is set by the test; the policy URI of DOMAIN is
 * {@code https://localhost:PORT/DOMAIN/.well-known/mta-sts.txt}.
 */
public final class PolicyServer implements AutoCloseable {

    /** What the server answers for one domain. */
    public record Reply(int status, String contentType, String body, long delayMillis, String location) {
        public static Reply policy(String text) {
            return new Reply(200, "text/plain; charset=utf-8", text, 0, null);
        }
    }

    private final HttpsServer server;
    private final SSLContext clientTls;
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();

    private PolicyServer(HttpsServer server, SSLContext clientTls) {
        this.server = server;
        this.clientTls = clientTls;
    }

    /** Starts the server; {@code certName} is the name its certificate carries (localhost, or another to fail). */
    public static PolicyServer start(Path dir, String certName) throws Exception {
        Path[] issued = Openssl.issued(dir, "sts-" + certName, certName);
        Path p12 = dir.resolve("sts-" + certName + ".p12");
        Process p = new ProcessBuilder(Openssl.openssl().toString(), "pkcs12", "-export", "-in", issued[0].toString(),
                "-inkey", dir.resolve("sts-" + certName + ".key").toString(), "-out", p12.toString(), "-passout",
                "pass:test").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("openssl pkcs12 failed: " + out);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, "test".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "test".toCharArray());
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(issued[1])) {
            trust.setCertificateEntry("test-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);

        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        PolicyServer ps = new PolicyServer(server, client);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String domain = path.substring(1, Math.max(1, path.indexOf('/', 1)));
            Reply r = ps.replies.getOrDefault(domain, new Reply(404, "text/plain", "not found", 0, null));
            byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
            if (r.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", r.contentType());
            }
            if (r.location() != null) {
                exchange.getResponseHeaders().set("Location", r.location());
            }
            exchange.sendResponseHeaders(r.status(), body.length);
            try (OutputStream os = exchange.getResponseBody()) {
                if (r.delayMillis() > 0) {
                    os.write(body, 0, Math.min(1, body.length));
                    os.flush();
                    Thread.sleep(r.delayMillis());
                    os.write(body, Math.min(1, body.length), body.length - Math.min(1, body.length));
                } else {
                    os.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the client gave up: what a slow-body test wants
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "policy-server");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return ps;
    }

    public void serve(String domain, Reply reply) {
        replies.put(domain, reply);
    }

    public SSLContext clientTls() {
        return clientTls;
    }

    public URI uri(String domain) {
        return URI.create("https://localhost:" + server.getAddress().getPort() + "/" + domain + "/.well-known/mta-sts.txt");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
