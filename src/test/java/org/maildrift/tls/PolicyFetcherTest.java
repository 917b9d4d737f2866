package org.maildrift.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.testsupport.PolicyServer;

/**
 * MTA-STS policies fetched over real HTTPS from a loopback server whose certificate a test CA issued: what
 * RFC 8461 section 3.3 makes senders refuse is a definite failure, a slow server an inconclusive one.
 */
class PolicyFetcherTest {

    @TempDir
    static Path dir;
    static PolicyServer server;
    static PolicyFetcher fetcher;

    @BeforeAll
    static void start() throws Exception {
        server = PolicyServer.start(dir, "localhost");
        fetcher = new PolicyFetcher(server.clientTls(), Duration.ofMillis(1500), server::uri);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPolicyServedAsTextPlainIsFetched() {
        server.serve("good.test", PolicyServer.Reply.policy("version: STSv1\nmode: enforce\nmx: mx1.good.test\nmax_age: 86400\n"));
        PolicyFetch f = fetcher.fetch("good.test");
        assertThat(f.ok()).as(f.failure()).isTrue();
        assertThat(MtaSts.policy(f.text()).mx()).containsExactly("mx1.good.test");
    }

    @Test
    void notFoundRedirectsWrongMediaTypeAndOversizeAreDefinite() {
        PolicyFetch missing = fetcher.fetch("absent.test");
        assertThat(missing.definite()).isTrue();
        assertThat(missing.failure()).contains("HTTP 404");
        server.serve("moved.test", new PolicyServer.Reply(301, "text/plain", "", 0, "https://elsewhere.test/"));
        assertThat(fetcher.fetch("moved.test").failure()).contains("redirect");
        server.serve("html.test", new PolicyServer.Reply(200, "text/html", "<html/>", 0, null));
        assertThat(fetcher.fetch("html.test").failure()).contains("not text/plain");
        server.serve("big.test", PolicyServer.Reply.policy("x".repeat(MtaSts.MAX_POLICY_BYTES + 10)));
        assertThat(fetcher.fetch("big.test").failure()).contains("larger than");
    }

    @Test
    void aSlowServerIsCutOffAndInconclusive() {
        server.serve("slow.test", new PolicyServer.Reply(200, "text/plain", "version: STSv1\n", 10_000, null));
        long start = System.nanoTime();
        PolicyFetch f = fetcher.fetch("slow.test");
        assertThat(f.ok()).isFalse();
        assertThat(f.definite()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void aCertificateForAnotherNameIsRefused() throws Exception {
        try (PolicyServer other = PolicyServer.start(dir, "other.test")) {
            other.serve("x.test", PolicyServer.Reply.policy("version: STSv1\nmode: none\nmax_age: 1\n"));
            PolicyFetch f = new PolicyFetcher(other.clientTls(), Duration.ofMillis(1500), other::uri).fetch("x.test");
            assertThat(f.definite()).isTrue();
            assertThat(f.failure()).contains("certificate is not valid for localhost");
        }
    }
}
