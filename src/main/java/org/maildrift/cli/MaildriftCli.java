package org.maildrift.cli;

import java.io.PrintStream;

/** Dispatches {@code java -jar maildrift.jar COMMAND ...} to a command that uses the core only. */
public final class MaildriftCli {

    /** Exit status for a usage error or unreadable input. */
    static final int USAGE = 2;


    private MaildriftCli() {
    }

    public static boolean handles(String word) {
        return word.equals("names") || word.equals("dns") || word.equals("check") || word.equals("precheck") || word.equals("help") || word.equals("--help");
    }

    public static int run(String[] argv, PrintStream out, PrintStream err) {
        String command = argv[0];
        if (command.equals("help") || java.util.Arrays.stream(argv).anyMatch(a -> a.equals("--help") || a.equals("-h"))) {
            out.print(usage());
            return 0;
        }
        Args args;
        try {
            args = Args.parse(argv, 1);
        } catch (Args.UsageException e) {
            err.println("maildrift " + command + ": " + e.getMessage());
            err.print(usage());
            return USAGE;
        }
        try {
            if (command.equals("names")) {
                return new NamesCommand(out, err).run(args);
            }
            if (command.equals("dns")) {
                return new DnsCommand(out, err).run(args);
            }
            if (command.equals("precheck")) {
                return new PrecheckCommand(out, err).run(args);
            }
            if (command.equals("check")) {
                return new CheckCommand(out, err, out == System.out && CheckCommand.colourWanted()).run(args);
            }
        } catch (Args.UsageException e) {
            err.println("maildrift " + command + ": " + e.getMessage());
            return USAGE;
        }
        err.print(usage());
        return USAGE;
    }

    static String usage() {
        return """
                usage:
                  maildrift names --postfix PATH [--hostname H] [--address IP[/LEN]]... [--files-root DIR] [--format text|json]
                  maildrift names --postfix PATH [--hostname H] [--address IP[/LEN]]... --param NAME [--param NAME]... [--expand]
                  maildrift names --sendmail FILE [--hostname H [--fqdn NAME]] [--address IP]... [--files-root DIR] [--format text|json]
                  maildrift names --exim FILE [--hostname H] [--address IP]... [--files-root DIR] [--format text|json]
                  maildrift check --inventory FILE [--format text|json|sarif] [--fail-on critical|warning|notice] [--timeout MS]
                                  [--accepted FILE | --no-suppressions]
                  maildrift precheck --inventory FILE (--change FILE | --proposed-zone FILE | --proposed-config HOST=FILE)...
                                     [--format text|json|sarif] [--fail-on critical|warning|notice] [--timeout MS]
                                     [--accepted FILE | --no-suppressions]
                  maildrift dns NAME... (--server IP[:PORT]... | --zone FILE...) [--type A|AAAA|CNAME|MX|PTR] [--format text|json]
                  (no command: start the service)
                """;
    }
}
