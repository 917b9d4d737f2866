package org.maildrift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/** The CLI's SLF4J provider: warnings and errors on stderr, one line each; jSPF silent; the MariaDB driver only errors. */
class CliLoggingTest {

    private static String logged(String logger, java.util.function.Consumer<Logger> log) {
        CliLogging provider = new CliLogging();
        provider.initialize();
        PrintStream saved = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            log.accept(provider.getLoggerFactory().getLogger(logger));
        } finally {
            System.setErr(saved);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void warningsReachStderrAndLessDoesNot() {
        String out = logged("com.zaxxer.hikari.pool.HikariPool", l -> {
            l.info("started {}", "pool");
            l.debug("noise");
            l.warn("connection {} is slow", 3);
            l.error("gave up", new IllegalStateException("secret text from the server"));
        });
        assertThat(out).isEqualTo("maildrift: WARN HikariPool: connection 3 is slow" + System.lineSeparator()
                + "maildrift: ERROR HikariPool: gave up (IllegalStateException)" + System.lineSeparator());
    }

    @Test
    void jspfIsSilentAndTheMariaDbDriverSaysOnlyErrors() {
        assertThat(logged("org.apache.james.jspf.impl.SPF", l -> l.error("v=spf1 from a hostile zone"))).isEmpty();
        assertThat(logged("org.mariadb.jdbc.message.server.ErrorPacket", l -> {
            l.warn("server said: select * from secrets");
            l.error("connection refused");
        })).isEqualTo("maildrift: ERROR ErrorPacket: connection refused" + System.lineSeparator());
        assertThat(CliLogging.threshold("org.xbill.DNS.SimpleResolver")).isEqualTo(Level.WARN);
    }
}
