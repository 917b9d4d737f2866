package org.maildrift.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's exim4 (exim4-daemon-light 4.96, unpacked by .ci/run into .peers/exim) with {@code -C FILE}
 * inside private UTS, mount and network namespaces: a pinned host name, /etc/hosts, the user Debian-exim in
 * a private /etc/passwd and /etc/group, a resolv.conf pointing at loopback, and loopback carrying
 * 192.0.2.10/24 besides 127.0.0.1 and ::1. Nothing is started; each run is one exim process.
 */
public final class EximRunner {

    public static final String ADDRESS = "192.0.2.10";

    private final Path root;
    private final Path work;

    private EximRunner(Path root, Path work) {
        this.root = root;
        this.work = work;
    }

    /** The unpacked exim, or a skip (a failure in CI) saying why not. {@code work} holds spool, log and the namespace files. */
    public static EximRunner create(Path work) throws IOException {
        String env = System.getenv("MAILDRIFT_EXIM_ROOT");
        Path root = Path.of(env != null ? env : ".peers/exim").toAbsolutePath();
        Peers.program("exim4 (Debian package exim4-daemon-light, unpacked into .peers/exim)",
                root.resolve("usr/sbin/exim4").toString());
        if (Peers.unshare().isEmpty() || !Peers.canUnshare()) {
            Peers.missing("unshare with mount and network namespaces is needed (run as root) to pin exim's host identity");
        }
        Files.createDirectories(work.resolve("spool"));
        Files.createDirectories(work.resolve("log"));
        // exim works as Debian-exim in its spool and log (an SMTP session): they must be reachable for it
        java.util.Set<java.nio.file.attribute.PosixFilePermission> traverse =
                java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x");
        for (Path p = work.toAbsolutePath(); p != null && p.startsWith(Path.of(System.getProperty("java.io.tmpdir"))
                .toAbsolutePath()) && !p.equals(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath());
                p = p.getParent()) {
            Files.setPosixFilePermissions(p, traverse);
        }
        for (String d : new String[] {"spool", "log"}) {
            Files.setPosixFilePermissions(work.resolve(d), java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        return new EximRunner(root, work.toAbsolutePath());
    }

    /** Lines every generated configuration needs to run here (spool, log, the exim user). */
    public String preamble() {
        return "spool_directory = " + work.resolve("spool") + "\nlog_file_path = " + work.resolve("log") + "/%slog\n"
                + "exim_user = Debian-exim\n";
    }

    public Path work() {
        return work;
    }

    /** The outcome of one run: exit code, stdout, stderr. */
    public record Run(int exit, String out, String err) {
        public boolean refusedConfig() {
            return exit != 0 && (err.contains("configuration error") || out.contains("configuration error"));
        }
    }

    /** {@code exim4 -C conf ARGS} on a host called {@code hostname} whose /etc/hosts is {@code hosts}. */
    public Run run(Path conf, String hostname, String hosts, List<String> args) throws IOException, InterruptedException {
        return run(conf, hostname, hosts, args, null, null);
    }

    /** As {@link #run(Path, String, String, List)}, with {@code input} on exim's standard input (an SMTP session for -bh). */
    public Run runWithInput(Path conf, String hostname, String hosts, List<String> args, Path input)
            throws IOException, InterruptedException {
        return run(conf, hostname, hosts, args, null, input);
    }

    /** Runs {@code script ARGS} (a shell script) in the same namespace set-up, with $R the unpacked exim's root. */
    public Run runScript(Path script, String hostname, String hosts, List<String> args)
            throws IOException, InterruptedException {
        script.toFile().setExecutable(true);
        return run(script, hostname, hosts, args, script);
    }

    /**
     * An {@code exim4} command for scripts that run outside a namespace (an agent that talks to the
     * service): each call runs exim with {@code -C conf} in a private mount namespace that has the user
     * Debian-exim, on the machine's own network and host name.
     */
    public Path command(Path conf) throws IOException {
        Path dir = Files.createTempDirectory(work, "cmd");
        String passwd = Files.readString(Path.of("/etc/passwd"));
        String group = Files.readString(Path.of("/etc/group"));
        Files.writeString(dir.resolve("passwd"), passwd + (passwd.endsWith("\n") ? "" : "\n")
                + "Debian-exim:x:101:101::/var/spool/exim4:/usr/sbin/nologin\n");
        Files.writeString(dir.resolve("group"), group + (group.endsWith("\n") ? "" : "\n") + "Debian-exim:x:101:\n");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path exim = bin.resolve("exim4");
        Files.writeString(exim, "#!/bin/sh\nexec unshare --mount sh -c 'mount --bind \"$0/passwd\" /etc/passwd"
                + " && mount --bind \"$0/group\" /etc/group && r=$1 && c=$2 && shift 2"
                + " && LD_LIBRARY_PATH=\"$r/usr/lib/x86_64-linux-gnu\" exec \"$r/usr/sbin/exim4\" -C \"$c\" \"$@\"' '" + dir + "' '" + root + "' '" + conf.toAbsolutePath()
                + "' \"$@\"\n");
        exim.toFile().setExecutable(true);
        return exim;
    }

    /** The root exim4-daemon-light and exim4-config were unpacked into. */
    public Path root() {
        return root;
    }

    private Run run(Path conf, String hostname, String hosts, List<String> args, Path wrapper)
            throws IOException, InterruptedException {
        return run(conf, hostname, hosts, args, wrapper, null);
    }

    private Run run(Path conf, String hostname, String hosts, List<String> args, Path wrapper, Path input)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(work, "ns");
        try {
            Files.writeString(dir.resolve("hosts"), hosts);
            Files.writeString(dir.resolve("resolv.conf"), "nameserver 127.0.0.1\noptions timeout:2 attempts:3\n");
            String passwd = Files.readString(Path.of("/etc/passwd"));
            String group = Files.readString(Path.of("/etc/group"));
            Files.writeString(dir.resolve("passwd"), passwd + (passwd.endsWith("\n") ? "" : "\n")
                    + "Debian-exim:x:101:101::/var/spool/exim4:/usr/sbin/nologin\n");
            Files.writeString(dir.resolve("group"), group + (group.endsWith("\n") ? "" : "\n") + "Debian-exim:x:101:\n");
            String script = "hostname \"$1\" && mount --bind \"$2/hosts\" /etc/hosts"
                    + " && mount --bind \"$2/resolv.conf\" /etc/resolv.conf && mount --bind \"$2/passwd\" /etc/passwd"
                    + " && mount --bind \"$2/group\" /etc/group && ip link set lo up"
                    + " && ip addr add " + ADDRESS + "/24 dev lo && shift 3"
                    + (wrapper == null ? " && LD_LIBRARY_PATH=\"$R/usr/lib/x86_64-linux-gnu\" exec \"$R/usr/sbin/exim4\" -C \"$C\" \"$@\""
                            : " && exec \"" + wrapper + "\" \"$@\"");
            List<String> cmd = new ArrayList<>(List.of("unshare", "--uts", "--mount", "--net", "sh", "-c", script, "sh",
                    hostname, dir.toString(), "x"));
            cmd.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().put("R", root.toString());
            pb.environment().put("C", conf.toAbsolutePath().toString());
            pb.redirectOutput(dir.resolve("out").toFile());
            if (input != null) {
                pb.redirectInput(input.toFile());
            }
            pb.redirectError(dir.resolve("err").toFile());
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("exim did not finish within 60 s: " + args);
            }
            return new Run(p.exitValue(), Files.readString(dir.resolve("out"), StandardCharsets.ISO_8859_1),
                    Files.readString(dir.resolve("err"), StandardCharsets.ISO_8859_1));
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /**
     * {@code exim4 -C conf ARGS} with a real BIND (named) inside the same namespace on 127.0.0.1:53,
     * authoritative for {@code zones} (name → master-file text), so that exim's own resolver asks it.
     */
    public Run runWithDns(Path conf, String hostname, String hosts, java.util.Map<String, String> zones, List<String> args)
            throws IOException, InterruptedException {
        Path named = Peers.program("named (Debian package bind9)", System.getenv("MAILDRIFT_NAMED"), "/usr/sbin/named");
        Path dns = Files.createTempDirectory(work, "dns");
        StringBuilder c = new StringBuilder("options {\n  directory \"" + dns + "\";\n  pid-file none;\n"
                + "  listen-on port 53 { 127.0.0.1; };\n  listen-on-v6 { none; };\n  recursion no;\n"
                + "  dnssec-validation no;\n  notify no;\n  session-keyfile \"" + dns.resolve("session.key") + "\";\n"
                + "  managed-keys-directory \"" + dns + "\";\n};\n");
        for (var z : zones.entrySet()) {
            Path file = dns.resolve(z.getKey() + ".zone");
            Files.writeString(file, z.getValue());
            c.append("zone \"").append(z.getKey()).append("\" { type primary; file \"").append(file).append("\"; };\n");
        }
        Files.writeString(dns.resolve("named.conf"), c.toString());
        Path wrapper = dns.resolve("exim-with-dns.sh");
        // named starts in the namespace exim runs in; exim waits until it says "running"
        Files.writeString(wrapper, "#!/bin/sh\n\"" + named + "\" -g -n 1 -c \"" + dns.resolve("named.conf") + "\" > \""
                + dns.resolve("named.log") + "\" 2>&1 &\nnpid=$!\nfor i in $(seq 1 200); do grep -q 'running' \""
                + dns.resolve("named.log") + "\" && break; sleep 0.1; done\n"
                + "LD_LIBRARY_PATH=\"$R/usr/lib/x86_64-linux-gnu\" \"$R/usr/sbin/exim4\" -C \"$C\" \"$@\"\nrc=$?\n"
                + "kill $npid 2>/dev/null\nwait $npid 2>/dev/null\nexit $rc\n");
        wrapper.toFile().setExecutable(true);
        try {
            return run(conf, hostname, hosts, args, wrapper);
        } finally {
            try (var walk = Files.walk(dns)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Exim's own verdict per domain: "yes", "no", or "Failed: …" for each, in order. */
    public List<String> matchDomains(Path conf, String hostname, String hosts, String list, List<String> domains)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>();
        args.add("-be");
        for (String d : domains) {
            args.add("${if match_domain{" + d + "}{" + list + "}{yes}{no}}");
        }
        Run r = run(conf, hostname, hosts, args);
        List<String> out = new ArrayList<>(List.of(r.out().split("\n", -1)));
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        if (out.size() != domains.size()) {
            throw new IOException("exim -be gave " + out.size() + " lines for " + domains.size() + " domains (exit "
                    + r.exit() + "): " + r.err() + r.out());
        }
        return out;
    }
}
