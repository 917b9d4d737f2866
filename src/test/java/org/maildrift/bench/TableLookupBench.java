package org.maildrift.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.maildrift.mail.InterfaceAddress;
import org.maildrift.mta.FilesRoot;
import org.maildrift.mta.model.Acceptance;
import org.maildrift.mta.model.HostNames;
import org.maildrift.mta.postfix.PostfixReader;
import org.maildrift.mta.postfix.tables.TableConnections;
import org.maildrift.mta.postfix.tables.TableOverride;
import org.maildrift.testsupport.MariaDbServer;

/**
 * Benchmark of table lookups (run by bench/run-table-bench.sh, not by the test suite): a MariaDB on
 * loopback holds 100,000 virtual mailbox domains; a main.cf names them through a mysql_table(5)
 * definition; maildrift answers whether each of 10,000 watched names (half in the table) is accepted.
 * Prints the time of the first pass (pool start-up included) and the median of later passes, each with
 * a fresh reader, so no answer is cached between passes.
 */
public final class TableLookupBench {

    private TableLookupBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        try (MariaDbServer db = MariaDbServer.start()) {
            try (Connection c = db.root(""); Statement st = c.createStatement()) {
                st.executeUpdate("CREATE DATABASE mail");
                st.executeUpdate("CREATE TABLE mail.domain (domain VARCHAR(255) PRIMARY KEY, active TINYINT)");
                st.executeUpdate("CREATE USER 'postfix'@'127.0.0.1' IDENTIFIED BY 'bench'");
                st.executeUpdate("GRANT SELECT ON mail.* TO 'postfix'@'127.0.0.1'");
            }
            try (Connection c = db.root("mail")) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO domain VALUES (?, 1)")) {
                    for (int i = 0; i < 100_000; i++) {
                        ps.setString(1, "d" + i + ".example");
                        ps.addBatch();
                        if (i % 5_000 == 4_999) {
                            ps.executeBatch();
                        }
                    }
                }
                c.commit();
            }
            Path dir = Files.createTempDirectory("maildrift-table-bench");
            Path root = Files.createDirectories(dir.resolve("root/etc/postfix"));
            Files.writeString(root.resolve("mysql-domains.cf"), "hosts = 127.0.0.1:" + db.port()
                    + "\nuser = postfix\npassword = bench\ndbname = mail\n"
                    + "query = SELECT domain FROM domain WHERE domain='%s' AND active = 1\n");
            Files.writeString(dir.resolve("main.cf"), "myhostname = mx.example.net\n"
                    + "virtual_mailbox_domains = proxy:mysql:/etc/postfix/mysql-domains.cf\n");
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                names.add(i % 2 == 0 ? "d" + (i * 7 % 100_000) + ".example" : "absent" + i + ".example");
            }
            List<Double> warm = new ArrayList<>();
            for (int r = 0; r <= runs; r++) {
                try (TableConnections tables = new TableConnections(List.of(new TableOverride(
                        "/etc/postfix/mysql-domains.cf", null, null, null, null, null)))) {
                    long start = System.nanoTime();
                    HostNames host = PostfixReader.read(dir.resolve("main.cf"), new PostfixReader.Host("mx",
                            List.of(InterfaceAddress.of("192.0.2.10")), tables), FilesRoot.at(dir.resolve("root")));
                    host.prefetch(names);
                    int accepted = 0;
                    int unknown = 0;
                    for (String n : names) {
                        Acceptance a = host.accepts(n);
                        accepted += a.verdict() == org.maildrift.mta.model.Verdict.YES ? 1 : 0;
                        unknown += a.verdict() == org.maildrift.mta.model.Verdict.UNKNOWN ? 1 : 0;
                    }
                    double ms = (System.nanoTime() - start) / 1e6;
                    System.out.printf(Locale.ROOT, "%s pass: %d names, %d accepted, %d unknown, %.0f ms%n",
                            r == 0 ? "first" : "warm", names.size(), accepted, unknown, ms);
                    if (r > 0) {
                        warm.add(ms);
                    }
                }
            }
            Collections.sort(warm);
            System.out.printf(Locale.ROOT, "10,000 names against a 100,000-domain MariaDB table: first pass above, "
                    + "warm median %.0f ms%n", warm.get(warm.size() / 2));
        }
    }
}
