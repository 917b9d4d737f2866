package org.maildrift.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.maildrift.accept.AcceptedDeviations;
import org.maildrift.accept.AcceptedLoader;
import org.maildrift.collect.CollectionException;
import org.maildrift.collect.EvidenceCollector;
import org.maildrift.dns.resolver.ResolverDnsObserver;
import org.maildrift.inventory.Inventory;
import org.maildrift.inventory.InventoryException;
import org.maildrift.inventory.InventoryLoader;
import org.maildrift.report.CheckJson;
import org.maildrift.report.ReportJson;
import org.maildrift.report.Sarif;
import org.maildrift.rules.CheckReport;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.Severity;
import org.maildrift.rules.catalog.RuleCatalog;

/**
 * {@code maildrift check --inventory FILE [--format text|json|sarif] [--fail-on critical|warning|notice]}:
 * collects the evidence for the estate, runs every rule and reports. Exit 0 when nothing at or above
 * --fail-on was found, 1 when something was, 2 for a usage error or an unusable inventory, 3 when
 * nothing was found but some conclusions are inconclusive.
 */
final class CheckCommand {

    static final int FOUND = 1;
    static final int INCONCLUSIVE = 3;
    private static final Set<String> OPTIONS = Set.of("inventory", "format", "fail-on", "timeout", "accepted",
            "no-suppressions");

    private final PrintStream out;
    private final PrintStream err;
    private final boolean colour;

    CheckCommand(PrintStream out, PrintStream err, boolean colour) {
        this.out = out;
        this.err = err;
        this.colour = colour;
    }

    int run(Args args) {
        args.allowOnly(OPTIONS);
        String file = args.one("inventory");
        if (file == null) {
            throw new Args.UsageException("--inventory FILE is required");
        }
        String format = format(args);
        Severity failOn = failOn(args);
        ResolverDnsObserver.Settings settings = dnsSettings(args);
        Inventory inventory;
        try {
            inventory = InventoryLoader.load(Path.of(file));
        } catch (InventoryException e) {
            err.println("maildrift check: " + e.getMessage());
            return MaildriftCli.USAGE;
        }
        AcceptedDeviations accepted;
        try {
            accepted = accepted(args, inventory);
        } catch (AcceptedLoader.AcceptedException e) {
            err.println("maildrift check: " + e.getMessage());
            return MaildriftCli.USAGE;
        }
        CheckReport report;
        List<Evidence> views;
        try (EvidenceCollector collector = new EvidenceCollector(inventory, settings)) {
            views = collector.collect();
            report = RuleCatalog.engine().run(views);
        } catch (CollectionException e) {
            err.println("maildrift check: " + e.getMessage());
            return MaildriftCli.USAGE;
        }
        AcceptedDeviations.Applied applied = accepted.apply(report, LocalDate.now(ZoneOffset.UTC));
        report = applied.report();
        if (format.equals("json")) {
            out.print(ReportJson.write(CheckJson.of(applied)));
        } else if (format.equals("sarif")) {
            out.print(ReportJson.write(Sarif.of(applied, inventory, Path.of("").toAbsolutePath(), CheckText::describe)));
        } else {
            out.print(new CheckText(colour).render(applied, inventory, views));
        }
        int status = report.anyAtLeast(failOn) ? FOUND : report.inconclusive().isEmpty() ? 0 : INCONCLUSIVE;
        if (status == INCONCLUSIVE) {
            err.println("maildrift check: no finding at or above " + failOn.label() + ", but "
                    + report.inconclusive().size() + " conclusion(s) could not be reached: "
                    + CheckText.describe(report.inconclusive().get(0))
                    + (report.inconclusive().size() > 1 ? " …" : "") + " (exit 3)");
        }
        return status;
    }

    /**
     * The accepted deviations: {@code --accepted FILE}, else {@code maildrift-accepted.yml} beside the inventory when
     * there is one; none with {@code --no-suppressions}.
     */
    static AcceptedDeviations accepted(Args args, Inventory inventory) throws AcceptedLoader.AcceptedException {
        if (args.flag("no-suppressions")) {
            return AcceptedDeviations.NONE;
        }
        String given = args.one("accepted");
        return AcceptedLoader.forInventory(inventory, given == null ? null : Path.of(given));
    }

    /** {@code --format}: text (default), json or sarif. */
    static String format(Args args) {
        String format = args.one("format") == null ? "text" : args.one("format");
        if (!List.of("text", "json", "sarif").contains(format)) {
            throw new Args.UsageException("--format must be text, json or sarif");
        }
        return format;
    }

    /** {@code --fail-on}: the least severity that fails the run (default warning). */
    static Severity failOn(Args args) {
        try {
            return Severity.parse(args.one("fail-on") == null ? "warning" : args.one("fail-on"));
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException("--fail-on: " + e.getMessage());
        }
    }

    /** {@code --timeout MS}: the DNS timeout per attempt. */
    static ResolverDnsObserver.Settings dnsSettings(Args args) {
        ResolverDnsObserver.Settings settings = ResolverDnsObserver.Settings.DEFAULTS;
        if (args.one("timeout") == null) {
            return settings;
        }
        return new ResolverDnsObserver.Settings(args.millis("timeout"), settings.attempts(), settings.concurrency());
    }

    static boolean colourWanted() {
        return System.console() != null && System.getenv("NO_COLOR") == null
                && !"dumb".equals(System.getenv("TERM")) && Files.isWritable(Path.of("/dev/tty"));
    }
}
