package org.maildrift.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.maildrift.mail.InterfaceAddress;
import org.maildrift.mail.Mta;
import org.maildrift.mta.FilesRoot;
import org.maildrift.mta.model.AcceptedName;
import org.maildrift.mta.model.ConfigProblem;
import org.maildrift.mta.model.HostNames;
import org.maildrift.mta.model.IneffectivePattern;
import org.maildrift.mta.model.UnresolvedReference;
import org.maildrift.mta.postfix.Postconf;
import org.maildrift.mta.postfix.PostfixParameters;
import org.maildrift.mta.postfix.PostfixReader;
import org.maildrift.mta.readers.MtaConfigReader;
import org.maildrift.mta.sendmail.SendmailHost;

/**
 * {@code maildrift names}: which names a Postfix or sendmail host accepts, or (with --param) a
 * parameter exactly as {@code postconf -c DIR -h NAME} prints it. Exit 0 when the config is usable,
 * 1 when the MTA would refuse it, 2 for a usage error or unreadable file; with --param, postconf's status.
 */
final class NamesCommand {

    private static final Set<String> OPTIONS = Set.of("postfix", "sendmail", "exim", "hostname", "fqdn", "address",
            "files-root", "format", "param", "expand");

    private final PrintStream out;
    private final PrintStream err;

    NamesCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(Args args) {
        args.allowOnly(OPTIONS);
        String postfix = args.one("postfix");
        String sendmail = args.one("sendmail");
        String exim = args.one("exim");
        if ((postfix == null ? 0 : 1) + (sendmail == null ? 0 : 1) + (exim == null ? 0 : 1) != 1) {
            throw new Args.UsageException("give exactly one of --postfix PATH, --sendmail FILE or --exim FILE");
        }
        String format = args.one("format") == null ? "text" : args.one("format");
        if (!format.equals("text") && !format.equals("json")) {
            throw new Args.UsageException("--format must be text or json");
        }
        String hostname = args.one("hostname") == null ? null : Args.dnsName("--hostname", args.one("hostname"));
        // the name /etc/hosts gives the kernel host name (Debian: "127.0.1.1 mail.example.com mail")
        String fqdn = args.one("fqdn") == null ? null : Args.dnsName("--fqdn", args.one("fqdn"));
        if (fqdn != null && hostname == null) {
            throw new Args.UsageException("--fqdn goes with --hostname (the kernel host name it belongs to)");
        }
        List<InterfaceAddress> addresses = new ArrayList<>();
        for (String a : args.all("address")) {
            InterfaceAddress ip = InterfaceAddress.parse(a);
            if (ip == null) {
                throw new Args.UsageException("--address: '" + Args.printable(a)
                        + "' is not an IPv4 or IPv6 address (optionally with its subnet prefix, /24)");
            }
            addresses.add(ip);
        }
        FilesRoot files = FilesRoot.none();
        if (args.one("files-root") != null) {
            Path root = Path.of(args.one("files-root"));
            if (!Files.isDirectory(root)) {
                throw new Args.UsageException("--files-root: " + root + (Files.exists(root) ? " is not a directory"
                        : ": no such directory"));
            }
            files = FilesRoot.at(root);
        }
        if (!args.all("param").isEmpty()) {
            if (postfix == null) {
                throw new Args.UsageException("--param works with --postfix only");
            }
            return param(Path.of(postfix), hostname, addresses, args.all("param"), args.flag("expand"));
        }
        if (args.flag("expand")) {
            throw new Args.UsageException("--expand goes with --param");
        }
        HostNames names;
        String source;
        if (postfix != null) {
            PostfixReader.Source loaded;
            try {
                loaded = PostfixReader.load(Path.of(postfix));
            } catch (IOException e) {
                err.println("maildrift names: " + e.getMessage());
                return MaildriftCli.USAGE;
            }
            names = PostfixReader.read(loaded.mainCf(), new PostfixReader.Host(hostname == null ? "localhost" : hostname,
                    addresses), files, loaded.configDirectory());
            source = postfix;
            if (hostname == null) {
                err.println("maildrift names: note: no --hostname given; where main.cf does not set myhostname, "
                        + "Postfix's default is computed from 'localhost'");
            }
        } else if (exim != null) {
            Path p = MtaConfigReader.eximFile(Path.of(exim));
            String text;
            try {
                text = org.maildrift.files.TextFile.read(p, org.maildrift.mta.exim.EximConfigParser.MAX_FILE_CHARS);
            } catch (org.maildrift.files.TextFile.Unreadable e) {
                err.println("maildrift names: " + e.getMessage());
                return MaildriftCli.USAGE;
            }
            if (hostname == null) {
                err.println("maildrift names: note: no --hostname given; where the configuration does not set "
                        + "primary_hostname, Exim's default is the host's name, taken here as 'localhost'");
            }
            names = org.maildrift.mta.exim.EximReader.read(p, text, new org.maildrift.mta.exim.EximReader.Host(
                    hostname == null ? "localhost" : hostname, addresses.stream().map(InterfaceAddress::address).toList()),
                    files);
            source = exim;
        } else {
            Path p = Path.of(sendmail);
            String text;
            try {
                text = org.maildrift.files.TextFile.read(p, org.maildrift.mta.sendmail.SendmailCfReader.MAX_FILE_CHARS);
            } catch (org.maildrift.files.TextFile.Unreadable e) {
                err.println("maildrift names: " + e.getMessage());
                return MaildriftCli.USAGE;
            }
            names = MtaConfigReader.readSendmailText(p, text,
                    SendmailHost.withFqdn(hostname, fqdn, addresses.stream().map(InterfaceAddress::address).toList()),
                    files);
            source = sendmail;
        }
        if (format.equals("json")) {
            out.print(org.maildrift.report.ReportJson.write(org.maildrift.report.NamesJson.of(names)));
        } else {
            out.print(text(names, source));
        }
        return names.errors().isEmpty() ? 0 : 1;
    }

    private int param(Path config, String hostname, List<InterfaceAddress> addresses, List<String> params,
            boolean expand) {
        PostfixReader.Source source;
        try {
            source = PostfixReader.load(config);
        } catch (IOException e) {
            err.println("postconf: fatal: open " + config + ": " + org.maildrift.files.TextFile.describe(e));
            return 1;
        }
        PostfixParameters ps = PostfixParameters.of(source.mainCf(),
                new PostfixReader.Host(hostname == null ? "localhost" : hostname, addresses), source.configDirectory());
        Postconf.Output o = Postconf.query(ps, params, expand);
        out.print(o.stdout());
        o.stderr().forEach(s -> err.println("maildrift: " + s));
        return o.exitCode();
    }

    static String text(HostNames n, String source) {
        StringBuilder sb = new StringBuilder();
        sb.append(n.mta().label()).append(" configuration ").append(source).append('\n');
        sb.append("accepted names (").append(n.accepted().size()).append("):\n");
        int width = n.accepted().stream().mapToInt(a -> a.name().length()).max().orElse(0);
        for (AcceptedName a : n.accepted()) {
            sb.append("  ").append(pad(a.name(), width)).append("  ").append(pad(a.addressClass().label(), 15))
                    .append("  ").append(a.source().describe()).append('\n');
        }
        if (!n.unresolved().isEmpty()) {
            sb.append("not read (answers that depend on these are inconclusive):\n");
            for (UnresolvedReference u : n.unresolved()) {
                sb.append("  ").append(u.reference()).append("  [").append(u.addressClass().label()).append("] ")
                        .append(u.reason()).append("  (").append(u.source().describe()).append(")\n");
            }
        }
        if (!n.ineffective().isEmpty()) {
            sb.append("patterns that never match:\n");
            for (IneffectivePattern p : n.ineffective()) {
                sb.append("  ").append(p.pattern()).append("  ").append(p.reason()).append("  (")
                        .append(p.source().describe()).append(")\n");
            }
        }
        for (ConfigProblem p : n.problems()) {
            sb.append(p.level() == ConfigProblem.Level.ERROR ? "error: " : "warning: ").append(p.describe()).append('\n');
        }
        sb.append("rewrites recipient domains through CNAMEs: ");
        if (n.canonicalizesRecipients()) {
            sb.append("yes");
        } else if (!n.canonicalizedSuffixes().isEmpty()) {
            sb.append("only under ").append(String.join(", ", n.canonicalizedSuffixes()));
        } else {
            sb.append("no");
        }
        return sb.append('\n').toString();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
