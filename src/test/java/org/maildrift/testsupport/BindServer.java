package org.maildrift.testsupport;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A real BIND (named) started by a test on a free loopback port, authoritative for the zones the test
 * writes, with zone transfers allowed. Stopped by {@link #close()}.
 */
public final class BindServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path dir;

    private BindServer(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    public static Path named() {
        return Peers.program("named (Debian package bind9)", System.getenv("MAILDRIFT_NAMED"), "/usr/sbin/named");
    }

    /** Starts named serving {@code zones} (zone name → master-file text) from {@code dir}. */
    public static BindServer start(Path dir, Map<String, String> zones) throws IOException, InterruptedException {
        return start(dir, zones, "", Map.of());
    }

    /**
     * Also with top-level configuration text (a TSIG key) and per-zone statements (an allow-transfer
     * that overrides the default "any").
     */
    public static BindServer start(Path dir, Map<String, String> zones, String extraConf,
            Map<String, String> zoneStatements) throws IOException, InterruptedException {
        Path named = named();
        int port = freePort();
        StringBuilder conf = new StringBuilder();
        conf.append("options {\n")
                .append("  directory \"").append(dir).append("\";\n")
                .append("  pid-file none;\n")
                .append("  listen-on port ").append(port).append(" { 127.0.0.1; };\n")
                .append("  listen-on-v6 { none; };\n")
                .append("  recursion no;\n")
                .append("  allow-transfer { any; };\n")
                .append("  dnssec-validation no;\n")
                .append("  notify no;\n")
                .append("  session-keyfile \"").append(dir.resolve("session.key")).append("\";\n")
                .append("  managed-keys-directory \"").append(dir).append("\";\n")
                .append("};\n");
        conf.append(extraConf).append('\n');
        for (Map.Entry<String, String> z : zones.entrySet()) {
            Path file = dir.resolve(z.getKey() + ".zone");
            Files.writeString(file, z.getValue());
            conf.append("zone \"").append(z.getKey()).append("\" { type primary; file \"").append(file)
                    .append("\"; ").append(zoneStatements.getOrDefault(z.getKey(), "")).append(" };\n");
        }
        Path confFile = dir.resolve("named.conf");
        Files.writeString(confFile, conf.toString());
        Process p = new ProcessBuilder(named.toString(), "-g", "-n", "1", "-c", confFile.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("named.log").toFile()).start();
        BindServer server = new BindServer(p, port, dir);
        server.awaitReady(zones.keySet().iterator().next());
        return server;
    }

    public int port() {
        return port;
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    private void awaitReady(String zone) throws IOException, InterruptedException {
        SimpleResolver r = new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        r.setTimeout(Duration.ofMillis(200));
        Message q = Message.newQuery(Record.newRecord(Name.fromString(zone + "."), Type.SOA, DClass.IN));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("named exited: " + log());
            }
            try {
                Message m = r.send(q);
                if (m.getRcode() == 0 && !m.getSection(org.xbill.DNS.Section.ANSWER).isEmpty()) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        close();
        throw new IllegalStateException("named did not answer within 20 s: " + log());
    }

    public String log() throws IOException {
        Path log = dir.resolve("named.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    public static int freePort() throws IOException {
        for (int i = 0; i < 50; i++) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            try (DatagramSocket d = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException busy) {
                // UDP side taken: try another
            }
        }
        throw new IOException("no free loopback port for both UDP and TCP");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
