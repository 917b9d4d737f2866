package org.maildrift.testsupport;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL (Debian package postgresql) on a free loopback port: initdb into a temporary
 * folder, trust authentication for user maildrift, no daemon of the system's. As root (CI) the server
 * runs as the postgres user, since PostgreSQL refuses to run as root.
 */
public final class PostgresServer implements AutoCloseable {

    private final Process process;
    private final Path dir;
    private final int port;

    private PostgresServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** The bin folder of the newest PostgreSQL installed, or a skip (a failure in CI) naming the package. */
    static Path bin() {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                Path best = versions.filter(v -> Files.isExecutable(v.resolve("bin/postgres")))
                        .max(Comparator.comparing(v -> Integer.parseInt(v.getFileName().toString().replaceAll("\\D", "0"))))
                        .orElse(null);
                if (best != null) {
                    return best.resolve("bin");
                }
            } catch (IOException e) {
                // fall through to missing
            }
        }
        Peers.missing("PostgreSQL server binaries (Debian package postgresql) are not installed");
        return null;
    }

    public static PostgresServer start() throws IOException, InterruptedException {
        Path bin = bin();
        Path dir = Files.createTempDirectory("maildrift-pg");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            run(List.of("chown", "postgres", dir.toString()));
        }
        Path data = dir.resolve("data");
        run(as(root, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "maildrift",
                "--auth=trust", "-E", "UTF8", "--no-sync")));
        int port = BindServer.freePort();
        List<String> cmd = as(root, List.of(bin.resolve("postgres").toString(), "-D", data.toString(), "-p",
                String.valueOf(port), "-k", dir.toString(), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        PostgresServer server = new PostgresServer(p, dir, port);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("postgres exited: " + Files.readString(dir.resolve("log")));
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                Thread.sleep(300);
                return server;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        server.close();
        throw new IllegalStateException("postgres did not listen within 30 s");
    }

    private static List<String> as(boolean root, List<String> cmd) {
        if (!root) {
            return cmd;
        }
        List<String> out = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        out.addAll(cmd);
        return out;
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    private static PostgresServer shared;

    /**
     * One server for every test class of this JVM that wants one, started on first use and stopped when
     * the JVM ends: a Spring context (and its pool) is closed after its class's @AfterAll and must not
     * find the server gone.
     */
    public static synchronized PostgresServer shared() throws IOException, InterruptedException {
        if (shared == null) {
            shared = start();
            PostgresServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        return shared;
    }

    /** Points the Spring datasource at the shared server. */
    public static void register(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> shared.jdbcUrl());
        registry.add("spring.datasource.username", () -> "maildrift");
        registry.add("spring.datasource.password", () -> "");
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }
}
