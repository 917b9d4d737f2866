package org.maildrift.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The build's training run for the launcher's class data sharing archive: the commands a user runs, on the
 * demo estate, in one JVM, so that the classes they load are archived ({@code -XX:ArchiveClassesAtExit}).
 * Output is discarded; a command that fails makes the build fail, so an archive is never trained on an
 * error path alone. Not a user command: the build calls it as a main class.
 */
public final class CdsTraining {

    private CdsTraining() {
    }

    public static void main(String[] args) {
        CliLogging.install(); // as MaildriftApplication does for a command
        Path samples = Path.of(args.length > 0 ? args[0] : "config-samples");
        String demo = samples.resolve("demo/inventory.yml").toString();
        String incident = samples.resolve("precheck/inventory.yml").toString();
        List<String[]> commands = List.of(
                new String[] {"check", "--inventory", demo},
                new String[] {"check", "--inventory", demo, "--format", "json"},
                new String[] {"check", "--inventory", demo, "--format", "sarif"},
                new String[] {"precheck", "--inventory", incident, "--change",
                    samples.resolve("precheck/changes/rename.yml").toString()},
                new String[] {"names", "--postfix", samples.resolve("demo/mlserver").toString(), "--hostname",
                    "newserver01.example.com", "--address", "192.0.2.20"},
                new String[] {"dns", "ml.example.com", "--zone", samples.resolve("demo/zones/example.com.zone").toString()});
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        for (String[] command : commands) {
            int code = MaildriftCli.run(command, sink, sink);
            // the demo estates have findings (exit 1) on purpose; 2 is a usage or input error
            if (code == MaildriftCli.USAGE || code < 0 || code > 3) {
                System.err.println("CDS training: " + String.join(" ", command) + " exited " + code);
                System.exit(1);
            }
        }
    }
}
