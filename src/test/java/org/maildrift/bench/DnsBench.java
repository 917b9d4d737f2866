package org.maildrift.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.maildrift.dns.DnsObserver;
import org.maildrift.dns.model.DnsAnswer;
import org.maildrift.dns.model.DnsNames;
import org.maildrift.dns.model.Outcome;
import org.maildrift.dns.model.RecordType;
import org.maildrift.dns.resolver.DnsView;
import org.maildrift.dns.resolver.ResolverDnsObserver;
import org.maildrift.testsupport.BindServer;

/**
 * DNS evidence benchmark (bench/run-dns-bench.sh): zones of N watched names (half aliases, half MX
 * domains, over 200 hosts) served by BIND (one worker) on loopback; maildrift collects the evidence
 * (A of every alias through its CNAME, MX of every domain, A and PTR of every host), then dnsperf sends
 * the same queries to the same server. Prints names/s, queries/s, the ratio to dnsperf and peak heap:
 * for the first (cold) collection in the JVM, and the median of five after five more to warm the JIT up
 * (the service collects on a schedule, so it runs warm); dnsperf's rate is the median of three runs.
 */
public final class DnsBench {

    private static final int HOSTS = 200;
    private static final int WARM_UP = 5;
    private static final int WARM_RUNS = 5;

    private DnsBench() {
    }

    /** JVM options of the CLI's launcher (src/main/dist/bin/maildrift), without its class data sharing archive. */
    private static final List<String> CLI_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-XX:-UsePerfData");

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--cold")) { // the child JVM of cliCold
            int n = Integer.parseInt(args[2]);
            Run r = collect("127.0.0.1:" + Integer.parseInt(args[1]),
                    questions(n, new StringBuilder(), new StringBuilder()), ResolverDnsObserver.Settings.DEFAULTS
                            .concurrency());
            System.out.println("COLD " + r.seconds() + " " + r.queries() + " " + r.cpuNanos() + " "
                    + threadSplit(Map.of(), r.threadTicks(), r.queries()).replace(' ', '_'));
            return;
        }
        int[] sizes = args.length == 0 ? new int[] {1_000, 10_000, 50_000}
                : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        int concurrency = Integer.getInteger("concurrency",
                ResolverDnsObserver.Settings.DEFAULTS.concurrency());
        System.out.printf("java %s, %d cores, BIND 1 worker on loopback, concurrency %d%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), concurrency);
        System.out.println("| names | queries | cold s | cold q/s | cold ratio | CLI cold s | CLI cold ratio | warm s | warm names/s | warm q/s |"
                + " dnsperf q/s | warm ratio | warm ratio to dnsperf -c 4 -q 256 | peak heap MB | cold CPU µs/query"
                + " | warm CPU µs/query |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int n : sizes) {
            run(n, concurrency);
        }
    }

    private static void run(int n, int concurrency) throws Exception {
        Path dir = Files.createTempDirectory("maildrift-dnsbench");
        StringBuilder zone = new StringBuilder("$TTL 300\n@ IN SOA ns1.example.com. hostmaster.example.com. 1 3600 600 86400 300\n"
                + "  IN NS ns1\nns1 IN A 127.0.0.1\n");
        StringBuilder reverse = new StringBuilder("$TTL 300\n@ IN SOA ns1.example.com. hostmaster.example.com. 1 3600 600 86400 300\n"
                + "  IN NS ns1.example.com.\n");
        List<DnsObserver.Question> questions = questions(n, zone, reverse);
        try (BindServer bind = BindServer.start(dir, Map.of("example.com", zone.toString(), "0.10.in-addr.arpa",
                reverse.toString()))) {
            Run cold = collect(bind.address(), questions, concurrency);
            double[] cli = cliCold(bind.port(), n, dir);
            for (int i = 0; i < WARM_UP; i++) {
                collect(bind.address(), questions, concurrency);
            }
            // maildrift and dnsperf take turns, so that both see the machine as it is at the time
            List<Run> warm = new ArrayList<>();
            double[] plainRuns = new double[WARM_RUNS];
            for (int i = 0; i < WARM_RUNS; i++) {
                warm.add(collect(bind.address(), questions, concurrency));
                plainRuns[i] = dnsperf(dir, bind.port(), questions, List.of());
            }
            warm.sort(java.util.Comparator.comparingDouble(Run::seconds));
            Run median = warm.get(warm.size() / 2);
            long peakMb = warm.stream().mapToLong(Run::peakHeap).max().orElse(0) / (1024 * 1024);
            for (Run r : List.of(cold, median)) {
                if (r.retried() > 0) {
                    System.out.println("  (" + r.retried() + " queries sent again after a timeout)");
                }
                if (r.bad() > 0) {
                    System.out.println("  (" + r.bad() + " lookups did not end in an answer)");
                }
            }
            System.out.println("  (CPU µs per query by thread, cold: " + threadSplit(Map.of(), cold.threadTicks(),
                    cold.queries()) + "; warm median: " + threadSplit(Map.of(), median.threadTicks(), median.queries())
                    + ")");
            double plain = median(plainRuns);
            List<String> w = List.of("-c", "4", "-q", "256");
            double wide = median(dnsperf(dir, bind.port(), questions, w), dnsperf(dir, bind.port(), questions, w),
                    dnsperf(dir, bind.port(), questions, w));
            double coldQps = cold.queries() / cold.seconds();
            double qps = median.queries() / median.seconds();
            System.out.printf(Locale.ROOT, "| %,d | %,d | %.2f | %,.0f | %s | %.2f | %s | %.2f | %,.0f | %,.0f | %s | %s | %s | %d | %.1f | %.1f |%n",
                    n, median.queries(), cold.seconds(), coldQps, ratio(coldQps, plain), cli[0], ratio(cli[1] / cli[0], plain),
                    median.seconds(),
                    questions.size() / median.seconds(), qps, rate(plain), ratio(qps, plain), ratio(qps, wide) + " ("
                            + rate(wide) + ")", peakMb, cold.cpuNanos() / 1e3 / cold.queries(),
                    median.cpuNanos() / 1e3 / median.queries());
        }
    }

    /** The watched names of a size and their zones (appended to {@code zone} and {@code reverse}). */
    private static List<DnsObserver.Question> questions(int n, StringBuilder zone, StringBuilder reverse) {
        List<DnsObserver.Question> questions = new ArrayList<>();
        for (int h = 0; h < HOSTS; h++) {
            zone.append("host").append(h).append(" IN A 10.0.").append(h / 250).append('.').append(h % 250 + 1).append('\n');
            reverse.append(h % 250 + 1).append('.').append(h / 250).append(" IN PTR host").append(h).append(".example.com.\n");
            questions.add(new DnsObserver.Question("host" + h + ".example.com", RecordType.A));
            questions.add(new DnsObserver.Question(DnsNames.reverse("10.0." + (h / 250) + "." + (h % 250 + 1)),
                    RecordType.PTR));
        }
        for (int i = 0; i < n; i++) {
            int h = i % HOSTS;
            if (i % 2 == 0) {
                zone.append("alias").append(i).append(" IN CNAME host").append(h).append('\n');
                questions.add(new DnsObserver.Question("alias" + i + ".example.com", RecordType.A));
            } else {
                zone.append("dom").append(i).append(" IN MX 10 host").append(h).append('\n');
                questions.add(new DnsObserver.Question("dom" + i + ".example.com", RecordType.MX));
            }
        }
        return questions;
    }

    /**
     * The first collection in a new JVM started as the CLI's launcher starts it (client compiler only, serial
     * collector, a class data sharing archive trained first, as the build trains the launcher's): what
     * `maildrift dns` or `check` pays. Returns {seconds, queries}.
     */
    private static double[] cliCold(int port, int n, Path dir) throws Exception {
        Path archive = dir.resolve("bench.jsa");
        String classPath = jarredClassPath(dir);
        child(classPath, port, n, List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        return child(classPath, port, n, List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds=off"));
    }

    /** This JVM's class path with each directory packed into a jar: a class data sharing archive needs jars. */
    private static String jarredClassPath(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        int i = 0;
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            if (!Files.isDirectory(p)) {
                out.add(entry);
                continue;
            }
            Path jar = dir.resolve("classes-" + i++ + ".jar");
            try (java.util.jar.JarOutputStream j = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
                    java.util.stream.Stream<Path> files = Files.walk(p)) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                    j.putNextEntry(new java.util.jar.JarEntry(p.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, j);
                    j.closeEntry();
                }
            }
            out.add(jar.toString());
        }
        return String.join(java.io.File.pathSeparator, out);
    }

    private static double[] child(String classPath, int port, int n, List<String> cds) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(CLI_JVM);
        cmd.addAll(cds);
        cmd.addAll(List.of("-Xmx256m", "-cp", classPath, DnsBench.class.getName(), "--cold",
                String.valueOf(port), String.valueOf(n)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("the CLI-like JVM failed: " + out);
        }
        for (String line : out.split("\n")) {
            if (line.startsWith("COLD ")) {
                String[] f = line.split(" ");
                if (cds.stream().anyMatch(o -> o.startsWith("-XX:SharedArchiveFile"))) {
                    System.out.println("  (CPU µs per query by thread, CLI cold: " + f[4].replace('_', ' ') + ")");
                }
                return new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])};
            }
        }
        throw new IllegalStateException("the CLI-like JVM printed no result: " + out);
    }

    /** {@code cpuNanos}: the CPU time of the whole JVM (every thread, the compilers and the collector included). */
    private record Run(double seconds, long queries, long retried, long bad, long peakHeap, long cpuNanos,
            Map<String, Long> threadTicks) {
    }

    /**
     * CPU clock ticks of this JVM's threads by kind (the reader, the caller, the collector, the compilers, the
     * rest), from /proc/self/task (Linux; empty elsewhere). A thread that ended is no longer counted, so the
     * collection's reader is read before the observer closes.
     */
    private static Map<String, Long> threadTicks() {
        Map<String, Long> ticks = new java.util.TreeMap<>();
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(t.resolve("stat"));
                } catch (java.io.IOException e) {
                    continue; // the thread ended meanwhile
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String comm = stat.substring(open + 1, close);
                String[] f = stat.substring(close + 2).split(" ");
                long used = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
                String kind = comm.startsWith("maildrift-dns") ? "reader" : comm.equals("java") ? "main"
                        : comm.startsWith("GC ") || comm.startsWith("G1 ") ? "gc"
                        : comm.startsWith("C1 ") || comm.startsWith("C2 ") ? "jit" : "other";
                ticks.merge(kind, used, Long::sum);
            }
        } catch (java.io.IOException | RuntimeException e) {
            return Map.of();
        }
        return ticks;
    }

    /** µs of CPU per query by thread kind over one run, from clock ticks (100 a second on Linux). */
    private static String threadSplit(Map<String, Long> before, Map<String, Long> after, long queries) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Long> e : after.entrySet()) {
            long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            if (d > 0) {
                sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                        .append(String.format(Locale.ROOT, "%.1f", d * 10_000.0 / queries));
            }
        }
        return sb.toString();
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** One full evidence collection with a fresh observer (fresh cache, new sockets). */
    private static Run collect(String server, List<DnsObserver.Question> questions, int concurrency)
            throws Exception {
        System.gc();
        resetPeaks();
        long c0 = processCpu();
        Map<String, Long> ticks0 = threadTicks();
        Map<String, Long> ticks1;
        long t0 = System.nanoTime();
        List<DnsAnswer> answers;
        long queries;
        try (ResolverDnsObserver dns = new ResolverDnsObserver(
                new DnsView("bench", List.of(DnsView.server(server))),
                new ResolverDnsObserver.Settings(Duration.ofSeconds(5), 2, concurrency))) {
            answers = dns.lookupAll(questions);
            queries = dns.queriesSent();
            ticks1 = threadTicks();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        long cpu = processCpu() - c0;
        long bad = answers.stream().filter(a -> a.outcome() != Outcome.ANSWER).count();
        if (Boolean.getBoolean("bench.showBad")) {
            answers.stream().filter(a -> a.outcome() != Outcome.ANSWER).limit(5).forEach(a -> System.out.println(
                    "    bad: " + a.name() + " " + a.type() + " " + a.outcome() + " " + a.error() + " " + a.detail()));
        }
        Map<String, Long> split = new java.util.TreeMap<>();
        ticks1.forEach((k, v) -> split.put(k, v - ticks0.getOrDefault(k, 0L)));
        return new Run(secs, queries, queries - questions.size(), bad, peakHeap(), cpu, split);
    }

    private static double median(double... v) {
        double[] c = v.clone();
        java.util.Arrays.sort(c);
        return c[c.length / 2];
    }

    private static String rate(double qps) {
        return qps > 0 ? String.format(Locale.ROOT, "%,.0f", qps) : "n/a";
    }

    private static String ratio(double ours, double theirs) {
        return theirs > 0 ? String.format(Locale.ROOT, "%.2f", ours / theirs) : "n/a";
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** dnsperf's queries/s for the same questions against the same server; 0 when dnsperf is missing. */
    private static double dnsperf(Path dir, int port, List<DnsObserver.Question> questions, List<String> options)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/dnsperf"))) {
            return 0;
        }
        StringBuilder sb = new StringBuilder();
        for (DnsObserver.Question q : questions) {
            sb.append(q.name()).append(' ').append(q.type()).append('\n');
        }
        Path file = dir.resolve("queries.txt");
        Files.writeString(file, sb.toString());
        List<String> cmd = new ArrayList<>(List.of("dnsperf", "-s", "127.0.0.1", "-p", String.valueOf(port), "-d",
                file.toString(), "-n", "1"));
        cmd.addAll(options);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher lost = Pattern.compile("Queries lost:\\s+(\\d+)").matcher(out);
        if (lost.find() && !lost.group(1).equals("0")) {
            System.out.println("  (dnsperf lost " + lost.group(1) + " queries)");
        }
        Matcher m = Pattern.compile("Queries per second:\\s+([0-9.]+)").matcher(out);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
