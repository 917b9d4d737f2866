package org.maildrift;

import org.maildrift.cli.MaildriftCli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Entry point. With a command word ({@code names}, …) it runs that command on the core alone,
 * without a web server or database; with none it starts the service.
 */
@SpringBootApplication
public class MaildriftApplication {

    public static void main(String[] args) {
        if (args.length > 0 && MaildriftCli.handles(args[0])) {
            // before any logger exists: libraries log warnings to stderr only, never into a command's output
            org.maildrift.cli.CliLogging.install();
            System.exit(MaildriftCli.run(args, System.out, System.err));
        }
        SpringApplication.run(MaildriftApplication.class, args);
    }
}
