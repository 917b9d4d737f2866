package org.maildrift.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.maildrift.inventory.Inventory;
import org.maildrift.rules.CheckReport;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.Finding;
import org.maildrift.rules.FindingText;
import org.maildrift.rules.Inconclusive;
import org.maildrift.rules.Severity;

/** Terminal output of a check: findings grouped by host, then DNS-only findings, then what is inconclusive. */
final class CheckText {

    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";

    private final boolean colour;

    CheckText(boolean colour) {
        this.colour = colour;
    }

    String render(CheckReport report, Inventory inventory, List<Evidence> views) {
        return render(new org.maildrift.accept.AcceptedDeviations.Applied(report, List.of()), inventory, views);
    }

    /** The report, then what accepted deviations suppressed (not counted, not failing the run). */
    String render(org.maildrift.accept.AcceptedDeviations.Applied applied, Inventory inventory, List<Evidence> views) {
        CheckReport report = applied.report();
        StringBuilder sb = new StringBuilder();
        sb.append("maildrift check ").append(inventory.file());
        if (inventory.site() != null) {
            sb.append(" (site ").append(inventory.site()).append(')');
        }
        int watched = views.isEmpty() ? 0 : views.get(0).watched().size();
        sb.append(": ").append(inventory.hosts().size()).append(" hosts, ").append(watched)
                .append(" watched names, DNS from ")
                .append(String.join(", ", views.stream().map(Evidence::view).toList())).append("\n\n");
        Map<String, List<Finding>> byHost = new LinkedHashMap<>();
        for (Inventory.Host h : inventory.hosts()) {
            byHost.put(h.id(), new ArrayList<>());
        }
        List<Finding> dnsOnly = new ArrayList<>();
        for (Finding f : report.findings()) {
            if (f.host() == null) {
                dnsOnly.add(f);
            } else {
                byHost.computeIfAbsent(f.host(), k -> new ArrayList<>()).add(f);
            }
        }
        for (Map.Entry<String, List<Finding>> e : byHost.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            Inventory.Host h = inventory.host(e.getKey()).orElse(null);
            sb.append(bold("host " + e.getKey()));
            if (h != null) {
                sb.append(" (").append(h.mta().label()).append(", ").append(h.hostname()).append(")");
            }
            sb.append('\n');
            e.getValue().forEach(f -> finding(sb, f, views.size() > 1));
        }
        if (!dnsOnly.isEmpty()) {
            sb.append(bold("DNS")).append('\n');
            dnsOnly.forEach(f -> finding(sb, f, views.size() > 1));
        }
        if (report.findings().isEmpty()) {
            sb.append("no drift found\n\n");
        }
        if (!report.inconclusive().isEmpty()) {
            sb.append(bold("inconclusive (" + report.inconclusive().size() + ")"))
                    .append(": these conclusions could not be reached, so nothing is reported about them\n");
            for (Inconclusive i : report.inconclusive()) {
                sb.append("  ").append(describe(i)).append('\n');
            }
            sb.append('\n');
        }
        if (!applied.suppressed().isEmpty()) {
            sb.append(bold("accepted (" + applied.suppressed().size() + ")"))
                    .append(": suppressed by accepted deviations, not counted (--no-suppressions shows them)\n");
            for (org.maildrift.accept.AcceptedDeviations.Suppressed x : applied.suppressed()) {
                String what = x.finding() != null ? x.finding().rule() + "  " + x.finding().subject()
                        + (x.finding().host() != null ? " (" + x.finding().host() + ")" : "")
                        : "inconclusive " + describe(x.inconclusive());
                sb.append("  ").append(what).append('\n').append("    by ").append(x.by()).append(": ")
                        .append(x.reason());
                if (x.owner() != null) {
                    sb.append(" (").append(x.owner()).append(", until ").append(x.expires()).append(')');
                }
                sb.append('\n');
            }
            sb.append('\n');
        }
        if (!applied.unmatched().isEmpty()) {
            sb.append(bold("accepted, matching nothing (" + applied.unmatched().size() + ")"))
                    .append(": entries in force that matched nothing in this run; remove them if the deviation is gone\n");
            for (org.maildrift.accept.AcceptedDeviations.Unmatched u : applied.unmatched()) {
                sb.append("  ").append(u.where()).append(": ").append(u.what()).append(" (")
                        .append(u.entry().owner()).append(", until ").append(u.entry().expires()).append(")\n");
            }
            sb.append('\n');
        }
        Map<String, Long> s = report.summary();
        List<String> parts = new ArrayList<>();
        s.forEach((k, v) -> parts.add(v + " " + k));
        sb.append("summary: ").append(String.join(", ", parts)).append('\n');
        return sb.toString();
    }

    private void finding(StringBuilder sb, Finding f, boolean showViews) {
        sb.append(FindingText.render(f, severity(f.severity())));
        if (showViews) {
            sb.append("    seen in: ").append(String.join(", ", f.views())).append('\n');
        }
        sb.append('\n');
    }

    static String describe(Inconclusive i) {
        StringBuilder sb = new StringBuilder(i.name()).append(' ').append(i.type()).append(": ").append(i.outcome());
        if (i.server() != null) {
            sb.append(i.type().equals("accepts") ? " on host " : " from ").append(i.server());
        }
        if (i.view() != null) {
            sb.append(" (view ").append(i.view()).append(')');
        }
        if (i.reason() != null) {
            sb.append(": ").append(i.reason());
        }
        return sb.toString();
    }

    private String severity(Severity s) {
        String text = String.format("%-8s", s.label().toUpperCase(java.util.Locale.ROOT));
        if (!colour) {
            return text;
        }
        String code;
        switch (s) {
            case CRITICAL:
                code = "\u001b[1;31m";
                break;
            case WARNING:
                code = "\u001b[33m";
                break;
            default:
                code = "\u001b[36m";
                break;
        }
        return code + text + RESET;
    }

    private String bold(String text) {
        return colour ? BOLD + text + RESET : text;
    }
}
