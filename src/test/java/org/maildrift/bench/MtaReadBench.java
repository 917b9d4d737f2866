package org.maildrift.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.maildrift.mta.FilesRoot;
import org.maildrift.mta.model.HostNames;
import org.maildrift.mta.postfix.PostfixReader;
import org.maildrift.mta.sendmail.SendmailCfReader;
import org.maildrift.mta.sendmail.SendmailHost;

/**
 * Benchmark of the MTA readers (run by bench/run-mta-bench.sh, not by the test suite): reading a
 * 10,000-line main.cf, a Postfix /file list of 100,000 names, and a sendmail.cf whose Fw file
 * (local-host-names) has 100,000 lines, each from disk to the full answer (names, provenance, matcher).
 * Prints the median and 95th percentile of timed runs after warm-up.
 */
public final class MtaReadBench {

    private MtaReadBench() {
    }

    public static void main(String[] args) throws IOException {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Path dir = Files.createTempDirectory("maildrift-bench");
        Path root = Files.createDirectories(dir.resolve("root"));

        Path postfix = Files.createDirectories(dir.resolve("postfix"));
        Files.writeString(postfix.resolve("main.cf"), mainCf(10_000));
        Files.createDirectories(root.resolve("etc/postfix"));
        Files.writeString(root.resolve("etc/postfix/local-domains"), names(100_000, "domain"));
        Path postfixFile = Files.createDirectories(dir.resolve("postfix-file"));
        Files.writeString(postfixFile.resolve("main.cf"),
                "myhostname = mx.example.com\nmydestination = $myhostname, localhost, /etc/postfix/local-domains\n");

        Files.createDirectories(root.resolve("etc/mail"));
        Files.writeString(root.resolve("etc/mail/local-host-names"), names(100_000, "host"));
        Path cf = dir.resolve("sendmail.cf");
        Files.writeString(cf, "V10/Berkeley\nCwlocalhost\nFw/etc/mail/local-host-names\nO DontProbeInterfaces=true\n");

        PostfixReader.Host host = PostfixReader.Host.of("mx.example.com", List.of("192.0.2.10"));
        FilesRoot files = FilesRoot.at(root);
        System.out.printf("java %s, %d cores, warm-up %d, timed runs %d%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), warmup, runs);
        measure("main.cf, 10,000 lines", warmup, runs, () -> PostfixReader.read(postfix, host, files));
        measure("mydestination /file, 100,000 names", warmup, runs, () -> PostfixReader.read(postfixFile, host, files));
        measure("sendmail Fw local-host-names, 100,000 lines", warmup, runs,
                () -> SendmailCfReader.read(cf, SendmailHost.simple("mx.example.com", List.of("192.0.2.10")), files));
    }

    private static void measure(String what, int warmup, int runs, Supplier<HostNames> task) {
        HostNames last = null;
        for (int i = 0; i < warmup; i++) {
            last = task.get();
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            last = task.get();
            ms.add((System.nanoTime() - t) / 1e6);
        }
        Collections.sort(ms);
        Runtime rt = Runtime.getRuntime();
        System.gc();
        System.out.printf(Locale.ROOT, "%-45s median %7.1f ms   p95 %7.1f ms   names %7d   errors %d   heap used %d MB%n",
                what, ms.get(ms.size() / 2), ms.get((int) Math.ceil(ms.size() * 0.95) - 1), last.accepted().size(),
                last.errors().size(), (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024));
    }

    /** A main.cf of about {@code lines} lines: comments, continuations, user parameters, references. */
    static String mainCf(int lines) {
        StringBuilder sb = new StringBuilder("myhostname = mx.example.com\nmydomain = example.com\n");
        int n = 2;
        int i = 0;
        StringBuilder refs = new StringBuilder();
        while (n < lines - 2) {
            sb.append("# block ").append(i).append('\n');
            sb.append("site_").append(i).append(" = a").append(i).append(".example.com,\n");
            sb.append("    b").append(i).append(".example.com, ${myhostname?{c").append(i).append(".$mydomain}}\n");
            sb.append("smtpd_banner = $myhostname ESMTP ").append(i).append('\n');
            n += 4;
            if (i % 50 == 0) {
                refs.append(" $site_").append(i);
            }
            i++;
        }
        sb.append("mydestination = $myhostname, localhost.$mydomain, localhost,").append(refs).append('\n');
        return sb.toString();
    }

    static String names(int count, String prefix) {
        StringBuilder sb = new StringBuilder("# generated\n");
        for (int i = 0; i < count; i++) {
            sb.append(prefix).append(i).append(".example.org\n");
        }
        return sb.toString();
    }
}
