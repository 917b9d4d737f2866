package org.maildrift.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.maildrift.collect.CollectionException;
import org.maildrift.collect.EvidenceCollector;
import org.maildrift.dns.resolver.ResolverDnsObserver;
import org.maildrift.inventory.Inventory;
import org.maildrift.inventory.InventoryException;
import org.maildrift.inventory.InventoryLoader;
import org.maildrift.precheck.Change;
import org.maildrift.precheck.ChangeSetException;
import org.maildrift.precheck.ChangeSetLoader;
import org.maildrift.precheck.Precheck;
import org.maildrift.report.PrecheckJson;
import org.maildrift.report.ReportJson;
import org.maildrift.report.Sarif;
import org.maildrift.rules.CheckReport;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.Finding;
import org.maildrift.rules.FindingText;
import org.maildrift.rules.Inconclusive;
import org.maildrift.rules.Severity;

/**
 * {@code maildrift precheck}: what a change set would introduce and resolve, with fixes. Exit 1 when it
 * introduces a finding at or above {@code --fail-on}, 0 when it does not, 2 for bad input, 3 when it
 * introduces none but the answer is incomplete (conclusions the change makes unreachable).
 */
final class PrecheckCommand {

    private static final Set<String> OPTIONS = Set.of("inventory", "change", "proposed-zone", "proposed-config", "format",
            "fail-on", "timeout", "accepted", "no-suppressions");

    private final PrintStream out;
    private final PrintStream err;

    PrecheckCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(Args args) {
        args.allowOnly(OPTIONS);
        String file = args.one("inventory");
        if (file == null) {
            throw new Args.UsageException("--inventory FILE is required");
        }
        if (args.all("change").isEmpty() && args.all("proposed-zone").isEmpty() && args.all("proposed-config").isEmpty()) {
            throw new Args.UsageException("give at least one --change FILE, --proposed-zone FILE or --proposed-config HOST=FILE");
        }
        String format = CheckCommand.format(args);
        Severity failOn = CheckCommand.failOn(args);
        ResolverDnsObserver.Settings settings = CheckCommand.dnsSettings(args);
        Inventory inventory;
        List<Change> changes = new ArrayList<>();
        try {
            inventory = InventoryLoader.load(Path.of(file));
            // whole proposed files first: the entries of the change files edit on top of them
            for (String c : args.all("proposed-config")) {
                changes.add(ChangeSetLoader.proposedConfig(c));
            }
            for (String z : args.all("proposed-zone")) {
                changes.add(ChangeSetLoader.proposedZone(Path.of(z)));
            }
            for (String c : args.all("change")) {
                changes.addAll(ChangeSetLoader.load(Path.of(c)));
            }
        } catch (InventoryException | ChangeSetException e) {
            err.println("maildrift precheck: " + e.getMessage());
            return MaildriftCli.USAGE;
        }
        org.maildrift.accept.AcceptedDeviations accepted;
        try {
            accepted = CheckCommand.accepted(args, inventory);
        } catch (org.maildrift.accept.AcceptedLoader.AcceptedException e) {
            err.println("maildrift precheck: " + e.getMessage());
            return MaildriftCli.USAGE;
        }
        Precheck.Result result;
        List<Evidence> views;
        try (EvidenceCollector collector = new EvidenceCollector(inventory, settings)) {
            views = collector.collect();
            result = new Precheck(org.maildrift.rules.catalog.RuleCatalog.engine(), h -> java.util.Optional.empty(),
                    collector::tables).run(views, changes);
        } catch (CollectionException | ChangeSetException e) {
            err.println("maildrift precheck: " + e.getMessage());
            return MaildriftCli.USAGE;
        }
        // what the change would introduce, as the estate accepts it: suppressed findings do not fail the run
        org.maildrift.accept.AcceptedDeviations.Applied applied = accepted.applyToFindings(result.introduced(),
                java.time.LocalDate.now(java.time.ZoneOffset.UTC));
        result = new Precheck.Result(applied.report().findings(), result.resolved(), result.unchanged(),
                result.inconclusive(), result.suggestions(), result.verdict(), result.chains());
        if (format.equals("json")) {
            out.print(ReportJson.write(PrecheckJson.of(result, applied.suppressed())));
        } else if (format.equals("sarif")) {
            out.print(ReportJson.write(Sarif.of(new org.maildrift.accept.AcceptedDeviations.Applied(
                    new CheckReport(result.introduced(), result.inconclusive()), applied.suppressed()), inventory,
                    Path.of("").toAbsolutePath(), CheckText::describe)));
        } else {
            out.print(text(result, changes));
            if (!applied.suppressed().isEmpty()) {
                out.println("Accepted, not counted (" + applied.suppressed().size() + "):");
                for (org.maildrift.accept.AcceptedDeviations.Suppressed x : applied.suppressed()) {
                    out.println("  " + x.finding().rule() + "  " + x.finding().subject() + "  by " + x.by() + ": "
                            + x.reason());
                }
            }
        }
        boolean introduced = result.introduced().stream().anyMatch(f -> f.severity().atLeast(failOn));
        if (introduced) {
            return CheckCommand.FOUND;
        }
        if (!result.inconclusive().isEmpty()) {
            err.println("maildrift precheck: the change introduces no finding at or above " + failOn.label() + ", but "
                    + result.inconclusive().size() + " conclusion(s) could not be reached after it: "
                    + CheckText.describe(result.inconclusive().get(0)) + " (exit 3)");
            return CheckCommand.INCONCLUSIVE;
        }
        return 0;
    }

    static String text(Precheck.Result r, List<Change> changes) {
        StringBuilder sb = new StringBuilder("maildrift precheck: ").append(changes.size())
                .append(changes.size() == 1 ? " change" : " changes").append('\n');
        for (Change c : changes) {
            sb.append("  ").append(c.yaml()).append(c.where().isEmpty() ? "" : "    (" + c.where() + ")").append('\n');
        }
        sb.append('\n');
        if (r.introduced().isEmpty()) {
            sb.append("It introduces no finding.\n\n");
        } else {
            sb.append("It would introduce ").append(count(r.introduced().size(), "finding")).append(":\n");
            for (Finding f : r.introduced()) {
                sb.append(FindingText.render(f)).append('\n');
            }
        }
        if (!r.resolved().isEmpty()) {
            sb.append("It would resolve ").append(count(r.resolved().size(), "finding")).append(":\n");
            for (Finding f : r.resolved()) {
                sb.append("  ").append(f.severity().label()).append(' ').append(f.rule()).append("  ")
                        .append(f.subject()).append(f.host() == null ? "" : " (" + f.host() + ")").append('\n');
            }
            sb.append('\n');
        }
        sb.append("Unchanged: ").append(count(r.unchanged().size(), "finding")).append(".\n\n");
        if (!r.chains().isEmpty()) {
            sb.append("Mail routes that change:\n");
            for (Precheck.ChainChange c : r.chains()) {
                sb.append("  ").append(c.name()).append(" (").append(c.view()).append(")\n");
                c.before().forEach(l -> sb.append("    before: ").append(l).append('\n'));
                c.after().forEach(l -> sb.append("    after:  ").append(l).append('\n'));
            }
            sb.append('\n');
        }
        if (!r.suggestions().isEmpty()) {
            sb.append("Fixes:\n");
            for (Precheck.Suggestion s : r.suggestions()) {
                sb.append("  - ").append(s.change() == null ? "(no change-set entry; by hand)" : s.change().yaml())
                        .append('\n');
                sb.append("      ").append(s.text()).append('\n');
                sb.append("      fixes ").append(String.join(", ", s.findings())).append('\n');
            }
            sb.append('\n');
            if (r.verdict().changes().isEmpty()) {
                sb.append("No fix can be written as a change-set entry; make the fixes above by hand.\n");
            } else if (r.verdict().clean()) {
                sb.append("The change plus these entries is clean (checked again):\n");
                r.verdict().changes().forEach(c -> sb.append("  - ").append(c.yaml()).append('\n'));
            } else {
                sb.append("The change plus these entries would still introduce ")
                        .append(count(r.verdict().remaining().size(), "finding")).append(":\n");
                r.verdict().remaining().forEach(f -> sb.append("  ").append(f.severity().label()).append(' ')
                        .append(f.rule()).append("  ").append(f.subject()).append('\n'));
            }
        }
        if (!r.inconclusive().isEmpty()) {
            sb.append("\nNot known after the change (").append(r.inconclusive().size()).append("):\n");
            for (Inconclusive i : r.inconclusive()) {
                sb.append("  ").append(CheckText.describe(i)).append('\n');
            }
        }
        return sb.toString();
    }

    private static String count(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
