package org.maildrift.testsupport;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A throw-away OpenLDAP slapd (Debian packages slapd, ldap-utils) on a free loopback port: an mdb
 * database for {@code dc=example,dc=test} with the core, cosine and inetorgperson schemas, a root DN the
 * test knows, and the entries the test adds with ldapadd. No daemon of the system's.
 */
public final class SlapdServer implements AutoCloseable {

    public static final String SUFFIX = "dc=example,dc=test";
    public static final String ROOT_DN = "cn=admin," + SUFFIX;
    public static final String ROOT_PASSWORD = "maildrift-test-ldap";

    private final Process process;
    private final Path dir;
    private final int port;

    private SlapdServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    public static SlapdServer start(String ldif) throws IOException, InterruptedException {
        Path slapd = Path.of("/usr/sbin/slapd");
        Path ldapadd = Path.of("/usr/bin/ldapadd");
        if (!Files.isExecutable(slapd) || !Files.isExecutable(ldapadd)) {
            Peers.missing("OpenLDAP (Debian packages slapd and ldap-utils) is not installed");
        }
        Path dir = Files.createTempDirectory("maildrift-slapd");
        Files.createDirectories(dir.resolve("db"));
        Files.writeString(dir.resolve("slapd.conf"), String.join("\n",
                "include /etc/ldap/schema/core.schema",
                "include /etc/ldap/schema/cosine.schema",
                "include /etc/ldap/schema/inetorgperson.schema",
                "pidfile " + dir.resolve("slapd.pid"),
                "modulepath /usr/lib/ldap",
                "moduleload back_mdb",
                "database mdb",
                "maxsize 10485760",
                "suffix \"" + SUFFIX + "\"",
                "rootdn \"" + ROOT_DN + "\"",
                "rootpw " + ROOT_PASSWORD,
                "directory " + dir.resolve("db"), ""));
        int port = BindServer.freePort();
        Process p = new ProcessBuilder(slapd.toString(), "-f", dir.resolve("slapd.conf").toString(), "-h",
                "ldap://127.0.0.1:" + port + "/", "-d", "0").redirectErrorStream(true)
                .redirectOutput(dir.resolve("log").toFile()).start();
        SlapdServer server = new SlapdServer(p, dir, port);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("slapd exited: " + Files.readString(dir.resolve("log")));
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                Files.writeString(dir.resolve("data.ldif"), ldif);
                Process add = new ProcessBuilder(ldapadd.toString(), "-x", "-H", "ldap://127.0.0.1:" + port, "-D",
                        ROOT_DN, "-w", ROOT_PASSWORD, "-f", dir.resolve("data.ldif").toString())
                        .redirectErrorStream(true).start();
                String out = new String(add.getInputStream().readAllBytes());
                if (add.waitFor() != 0) {
                    server.close();
                    throw new IllegalStateException("ldapadd failed: " + out);
                }
                return server;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        server.close();
        throw new IllegalStateException("slapd did not listen within 30 s");
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        Peers.stop(process, dir);
    }
}
