package org.maildrift.cli;

import java.io.PrintStream;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Logging of the CLI commands: libraries' warnings on stderr, one line each, never in a command's output.
 * An SLF4J provider of its own, chosen by {@link #install()} before any logger exists, so that a command
 * does not start Logback and parse its XML configuration (about 600 classes, a tenth of a second). The
 * service logs through Logback as before: this provider is only named by the CLI's system property.
 */
public final class CliLogging implements SLF4JServiceProvider {

    private final ILoggerFactory loggers = CliLogger::new;
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    /** Makes SLF4J use this provider, unless the user chose one; quiets SLF4J's own note that it did. */
    public static void install() {
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", CliLogging.class.getName());
            if (System.getProperty("slf4j.internal.verbosity") == null) {
                System.setProperty("slf4j.internal.verbosity", "WARN");
            }
        }
    }

    /** The lowest level a logger of this name writes, or null when it writes nothing. */
    static Level threshold(String name) {
        if (name.startsWith("org.apache.james.jspf")) {
            return null; // jSPF logs the SPF records it evaluates (hostile input) and its own exceptions
        }
        if (name.startsWith("org.mariadb.jdbc")) {
            return Level.ERROR; // the driver logs the server's own error text, which may quote a query
        }
        return Level.WARN;
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to read: the levels are fixed
    }

    /** Writes "maildrift: LEVEL Logger: message" to stderr at or above its threshold. */
    private static final class CliLogger extends LegacyAbstractLogger {

        private static final long serialVersionUID = 1L;

        private final transient Level threshold;
        private final String shortName;

        CliLogger(String name) {
            this.name = name;
            this.threshold = threshold(name);
            this.shortName = name.substring(name.lastIndexOf('.') + 1);
        }

        private boolean on(Level level) {
            return threshold != null && level.toInt() >= threshold.toInt();
        }

        @Override
        public boolean isTraceEnabled() {
            return on(Level.TRACE);
        }

        @Override
        public boolean isDebugEnabled() {
            return on(Level.DEBUG);
        }

        @Override
        public boolean isInfoEnabled() {
            return on(Level.INFO);
        }

        @Override
        public boolean isWarnEnabled() {
            return on(Level.WARN);
        }

        @Override
        public boolean isErrorEnabled() {
            return on(Level.ERROR);
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                Throwable throwable) {
            PrintStream err = System.err;
            String message = MessageFormatter.basicArrayFormat(pattern, arguments);
            err.println("maildrift: " + level + " " + shortName + ": " + message
                    + (throwable == null ? "" : " (" + throwable.getClass().getSimpleName() + ")"));
        }
    }
}
