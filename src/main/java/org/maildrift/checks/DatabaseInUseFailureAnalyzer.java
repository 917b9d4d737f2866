package org.maildrift.checks;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * A second maildrift on the same H2 file stops at start-up; this turns H2's lock error, deep in a
 * Flyway and JDBC stack trace, into one clear message and what to do.
 */
public final class DatabaseInUseFailureAnalyzer implements FailureAnalyzer {

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.contains("Database may be already in use")) {
                int start = m.indexOf('"');
                int end = start < 0 ? -1 : m.indexOf('"', start + 1);
                String file = end > start ? m.substring(start + 1, end) : "the H2 database file";
                return new FailureAnalysis("Another process (most likely another maildrift) has the database " + file
                        + " open. The embedded H2 database serves one process at a time.",
                        "Stop the other maildrift, or give this one its own database with "
                                + "--spring.datasource.url=jdbc:h2:file:./other/maildrift. For several instances "
                                + "sharing one database, use PostgreSQL (the 'postgres' profile).", t);
            }
        }
        return null;
    }
}
