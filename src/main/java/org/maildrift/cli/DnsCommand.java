package org.maildrift.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.maildrift.dns.model.CnameHop;
import org.maildrift.dns.model.DnsAnswer;
import org.maildrift.dns.model.DnsNames;
import org.maildrift.dns.model.Outcome;
import org.maildrift.dns.model.RecordType;
import org.maildrift.dns.resolver.DnsView;
import org.maildrift.dns.resolver.ResolverDnsObserver;
import org.maildrift.dns.zonefile.ZoneFileDnsObserver;
import org.maildrift.dns.zonefile.ZoneFileException;

/**
 * {@code maildrift dns NAME... (--server IP[:PORT]... | --zone FILE...) [--type T] [--format text|json]}:
 * what maildrift sees for each name — the CNAME chain, the outcome, the server. Exit 0 when every lookup
 * was answered (NXDOMAIN included), 3 when any ended in CHECK_ERROR, 2 for a usage error or a bad zone file.
 */
final class DnsCommand {

    static final int INCONCLUSIVE = 3;
    private static final Set<String> OPTIONS = Set.of("server", "zone", "type", "format", "timeout");

    private final PrintStream out;
    private final PrintStream err;

    DnsCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(Args args) {
        for (String k : List.of("type", "format", "timeout")) {
            args.one(k);
        }
        List<String> names = args.positional();
        Args.allowOnlyOptions(args, OPTIONS);
        if (names.isEmpty()) {
            throw new Args.UsageException("name at least one NAME to look up");
        }
        List<String> servers = args.all("server");
        List<String> zones = args.all("zone");
        if (servers.isEmpty() == zones.isEmpty()) {
            throw new Args.UsageException("give --server IP[:PORT]... or --zone FILE..., not both");
        }
        RecordType type;
        try {
            type = RecordType.valueOf((args.one("type") == null ? "A" : args.one("type")).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException("--type must be one of A, AAAA, CNAME, MX, PTR");
        }
        String format = args.one("format") == null ? "text" : args.one("format");
        if (!format.equals("text") && !format.equals("json")) {
            throw new Args.UsageException("--format must be text or json");
        }
        Duration timeout = args.millis("timeout") == null ? ResolverDnsObserver.Settings.DEFAULTS.timeout()
                : args.millis("timeout");
        List<String> queries = new ArrayList<>();
        for (String n : names) {
            String reverse = type == RecordType.PTR ? DnsNames.reverse(n) : null;
            if (reverse == null) {
                Args.dnsName("NAME", n);
            }
            queries.add(reverse != null ? reverse : DnsNames.canonical(n));
        }
        List<List<DnsAnswer>> results = new ArrayList<>();
        if (!zones.isEmpty()) {
            ZoneFileDnsObserver dns;
            try {
                dns = ZoneFileDnsObserver.load(zones.stream().map(Path::of).toList());
            } catch (ZoneFileException e) {
                err.println("maildrift dns: " + e.getMessage());
                return MaildriftCli.USAGE;
            }
            for (String q : queries) {
                results.add(List.of(dns.lookup(q, type)));
            }
        } else {
            List<java.net.InetSocketAddress> addrs = new ArrayList<>();
            for (String s : servers) {
                try {
                    addrs.add(DnsView.server(s));
                } catch (IllegalArgumentException e) {
                    throw new Args.UsageException(e.getMessage());
                }
            }
            try (ResolverDnsObserver dns = new ResolverDnsObserver(new DnsView("cli", addrs),
                    new ResolverDnsObserver.Settings(timeout, 2, 64))) {
                List<org.maildrift.dns.DnsObserver.Question> qs = queries.stream()
                        .map(q -> new org.maildrift.dns.DnsObserver.Question(q, type)).toList();
                for (ResolverDnsObserver.ViewAnswer v : dns.lookupViews(qs)) {
                    results.add(v.answers());
                }
            }
        }
        boolean inconclusive = results.stream().flatMap(List::stream).anyMatch(a -> !a.outcome().isFact());
        if (format.equals("json")) {
            List<org.maildrift.report.DnsAnswerJson> list = new ArrayList<>();
            results.forEach(rs -> rs.forEach(a -> list.add(org.maildrift.report.DnsAnswerJson.of(a))));
            out.print(org.maildrift.report.ReportJson.write(list));
        } else {
            for (List<DnsAnswer> rs : results) {
                boolean disagree = rs.stream().filter(a -> a.outcome().isFact()).map(a -> a.outcome() + "" + a.records()
                        + a.chain()).distinct().count() > 1;
                for (DnsAnswer a : rs) {
                    out.print(text(a));
                }
                if (disagree) {
                    out.println("  ! the servers of this view disagree");
                }
            }
        }
        return inconclusive ? INCONCLUSIVE : 0;
    }


    static String text(DnsAnswer a) {
        StringBuilder sb = new StringBuilder();
        sb.append(a.name()).append(' ').append(a.type()).append(": ").append(a.outcome().label());
        if (a.error() != null) {
            sb.append(" (").append(a.error().label()).append(')');
        }
        sb.append('\n');
        for (CnameHop h : a.chain()) {
            sb.append("  ").append(h).append('\n');
        }
        for (String r : a.records()) {
            sb.append("  ").append(a.finalName()).append(' ').append(a.outcome() == Outcome.ANSWER ? a.type() : "")
                    .append(' ').append(r).append('\n');
        }
        if (a.detail() != null) {
            sb.append("  ").append(a.detail()).append('\n');
        }
        sb.append("  from ").append(a.server() == null ? "-" : a.server()).append(" (view ").append(a.view())
                .append(")\n");
        return sb.toString();
    }
}
