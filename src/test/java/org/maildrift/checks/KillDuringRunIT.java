package org.maildrift.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 while checks run back to back (the built jar, its own process, the default H2 file): after
 * each kill the database opens, holds every run that was logged as done, and holds whole runs only. A run, its findings' new states and its observations
 * are one transaction, so every completed run's counts match the observations stored for it and no
 * observation points at a run that is not there.
 */
class KillDuringRunIT {

    private static final int KILLS = 4;

    @TempDir
    Path tmp;

    @Test
    void killedProcessesLeaveOnlyWholeRuns() throws Exception {
        Path jar = Path.of("target/maildrift.jar").toAbsolutePath();
        assertThat(jar).exists();
        // the default database (./data under the working directory), exactly as a user runs it
        String url = "jdbc:h2:file:" + tmp.resolve("data/maildrift").toAbsolutePath();
        String inventory = Path.of("config-samples/demo/inventory.yml").toAbsolutePath().toString();
        int logged = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Path log = tmp.resolve("run-" + kill + ".log");
            Process p = new ProcessBuilder("java", "-jar", jar.toString(), "--server.port=0",
                    "--maildrift.checks.interval=20ms", "--maildrift.checks.inventory=" + inventory,
                    "--logging.level.root=WARN", "--logging.level.org.maildrift.checks=INFO")
                    .directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                int target = 5 + kill * 3;
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (countRunsInLog(log) < target && System.nanoTime() < deadline && p.isAlive()) {
                    Thread.sleep(20);
                }
                assertThat(p.isAlive()).as(Files.readString(log)).isTrue();
                // land somewhere inside the next run
                Thread.sleep(7 + kill * 13);
            } finally {
                p.destroyForcibly().waitFor();
            }
            if (kill == 0) {
                // the database holds password and token hashes: only the service's user may read it (issue 12)
                assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(tmp.resolve("data")))).isEqualTo("rwx------");
                assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(tmp.resolve("data/maildrift.mv.db")))).isEqualTo("rw-------");
            }
            logged += countRunsInLog(log);
            // a run is logged after its transaction commits: every logged run must have survived the kill
            assertThat(check(url)).as("runs stored after kill %d", kill + 1).isGreaterThanOrEqualTo(logged);
        }
    }

    private static int countRunsInLog(Path log) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        return (int) Files.readAllLines(log).stream().filter(l -> l.contains("check run ") && l.contains("opened"))
                .count();
    }

    /** Opens the database the killed process left and checks that every run is whole; returns the run count. */
    private static int check(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "maildrift", ""); Statement s = c.createStatement()) {
            List<String> broken = new ArrayList<>();
            try (ResultSet r = s.executeQuery("select r.id, r.critical_count + r.warning_count + r.notice_count"
                    + " + r.info_count, (select count(*) from finding_observation o where o.run_id = r.id"
                    + " and o.observed = 'PRESENT') from check_run r where r.status = 'COMPLETED'")) {
                while (r.next()) {
                    if (r.getInt(2) != r.getInt(3)) {
                        broken.add("run " + r.getLong(1) + ": " + r.getInt(2) + " findings, " + r.getInt(3)
                                + " observations");
                    }
                }
            }
            try (ResultSet r = s.executeQuery("select count(*) from finding_observation o where not exists"
                    + " (select 1 from check_run r where r.id = o.run_id)")) {
                r.next();
                assertThat(r.getInt(1)).as("observations without their run").isZero();
            }
            assertThat(broken).isEmpty();
            try (ResultSet r = s.executeQuery("select count(*) from check_run")) {
                r.next();
                return r.getInt(1);
            }
        }
    }
}
