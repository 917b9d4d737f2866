package org.maildrift.testsupport;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/**
 * A throw-away MariaDB (Debian package mariadb-server) on a free loopback port: mariadb-install-db into
 * a temporary folder, root reachable over TCP with a password the test knows, no daemon of the system's.
 */
public final class MariaDbServer implements AutoCloseable {

    public static final String ROOT_PASSWORD = "maildrift-test-root";

    private final Process process;
    private final Path dir;
    private final int port;

    private MariaDbServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    public static MariaDbServer start() throws IOException, InterruptedException {
        Path mariadbd = Path.of("/usr/sbin/mariadbd");
        Path install = Path.of("/usr/bin/mariadb-install-db");
        if (!Files.isExecutable(mariadbd) || !Files.isExecutable(install)) {
            Peers.missing("MariaDB server binaries (Debian package mariadb-server) are not installed");
        }
        Path dir = Files.createTempDirectory("maildrift-mariadb");
        Path data = dir.resolve("data");
        boolean root = "root".equals(System.getProperty("user.name"));
        String user = root ? "root" : System.getProperty("user.name");
        run(List.of(install.toString(), "--no-defaults", "--datadir=" + data, "--user=" + user,
                "--auth-root-authentication-method=normal", "--skip-test-db"), dir);
        int port = BindServer.freePort();
        Process p = new ProcessBuilder(mariadbd.toString(), "--no-defaults", "--datadir=" + data, "--port=" + port,
                "--bind-address=127.0.0.1", "--socket=" + dir.resolve("sock"), "--pid-file=" + dir.resolve("pid"),
                "--user=" + user, "--skip-name-resolve", "--innodb-flush-log-at-trx-commit=0", "--skip-log-bin")
                .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        MariaDbServer server = new MariaDbServer(p, dir, port);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("mariadbd exited: " + Files.readString(dir.resolve("log")));
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                Thread.sleep(300);
                server.setRootPassword();
                return server;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        server.close();
        throw new IllegalStateException("mariadbd did not listen within 60 s");
    }

    private void setRootPassword() throws IOException, InterruptedException {
        run(List.of("/usr/bin/mariadb", "--no-defaults", "--socket=" + dir.resolve("sock"), "-uroot", "-e",
                "CREATE OR REPLACE USER 'root'@'127.0.0.1' IDENTIFIED BY '" + ROOT_PASSWORD + "';"
                        + " GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;"), dir);
    }

    private static void run(List<String> cmd, Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(cmd.get(0) + " failed: " + out);
        }
    }

    public int port() {
        return port;
    }

    /** A connection as root to {@code database} (empty: none). */
    public Connection root(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/" + database, "root", ROOT_PASSWORD);
    }

    @Override
    public void close() {
        Peers.stop(process, dir);
    }
}
