package org.maildrift.alerts;

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

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.maildrift.testsupport.BindServer;

/**
 * The built jar, its own process, the default H2 file: a check confirms drift and its alert is written
 * to the outbox; the process stops (cleanly, or kill -9) before the alert is delivered; the next process
 * delivers it, once, with the Message-ID it was given.
 */
class AlertsSurviveRestartIT {

    @TempDir
    Path tmp;
    GreenMail smtp;
    int smtpPort;

    @BeforeEach
    void startSmtp() throws IOException {
        smtpPort = BindServer.freePort();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"clean stop, no relay configured", "kill -9 after a failed attempt"})
    void anAlertConfirmedBeforeTheProcessStopsIsDeliveredAfterTheRestart(String how) throws Exception {
        boolean kill = how.startsWith("kill");
        List<String> first = new ArrayList<>(List.of("--maildrift.checks.at-startup=true"));
        if (kill) {
            // a relay that refuses connections: the alert is tried, fails, and waits for its next attempt
            first.add("--spring.mail.host=127.0.0.1");
            first.add("--spring.mail.port=" + BindServer.freePort());
            first.add("--maildrift.alerts.retry-first=3s");
        }
        Path log1 = tmp.resolve("first.log");
        Process p = start(first, log1);
        try {
            String signal = kill ? "not delivered" : "opened";
            waitFor(log1, signal, p);
        } finally {
            if (kill) {
                p.destroyForcibly().waitFor();
            } else {
                p.destroy();
                p.waitFor();
            }
        }
        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(outbox()).as("the alert waits in the outbox").containsExactly("PENDING");

        Path log2 = tmp.resolve("second.log");
        Process q = start(List.of("--maildrift.checks.at-startup=false", "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtpPort), log2);
        try {
            assertThat(smtp.waitForIncomingEmail(90_000, 1)).as(Files.readString(log2)).isTrue();
            Thread.sleep(2000); // a duplicate would arrive now
        } finally {
            q.destroy();
            q.waitFor();
        }
        MimeMessage[] got = smtp.getReceivedMessages();
        assertThat(got).hasSize(1);
        assertThat(got[0].getSubject()).startsWith("[maildrift] hq: ").contains("new");
        assertThat(got[0].getAllRecipients()).extracting(Object::toString).containsExactly("ops@example.com");
        assertThat(outbox()).containsExactly("SENT");
        assertThat(messageIds()).containsExactly(got[0].getMessageID());
    }

    private Process start(List<String> extra, Path log) throws IOException {
        Path jar = Path.of("target/maildrift.jar").toAbsolutePath();
        String inventory = Path.of("config-samples/demo/inventory.yml").toAbsolutePath().toString();
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", jar.toString(), "--server.port=0",
                "--maildrift.checks.inventory=" + inventory, "--maildrift.checks.interval=1000d",
                "--maildrift.checks.confirmations=1", "--maildrift.alerts.to=ops@example.com",
                "--maildrift.alerts.group-wait=0s", "--maildrift.alerts.relay-poll=1s", "--logging.level.root=WARN",
                "--logging.level.org.maildrift.checks=INFO", "--logging.level.org.maildrift.alerts=INFO"));
        cmd.addAll(extra);
        return new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
    }

    private static void waitFor(Path log, String text, Process p) throws Exception {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("'" + text + "' never appeared in the log:\n" + Files.readString(log));
    }

    private List<String> outbox() throws Exception {
        return column("select status from alert_notice order by id");
    }

    private List<String> messageIds() throws Exception {
        return column("select message_id from alert_notice order by id");
    }

    private List<String> column(String sql) throws Exception {
        String url = "jdbc:h2:file:" + tmp.resolve("data/maildrift").toAbsolutePath();
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "maildrift", ""); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }
}
