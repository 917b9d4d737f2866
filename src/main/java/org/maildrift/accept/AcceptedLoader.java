package org.maildrift.accept;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.maildrift.files.TextFile;
import org.maildrift.files.YamlTree;
import org.maildrift.rules.Severity;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Reads {@code maildrift-accepted.yml} (docs/check.md): {@code rules:} (a rule ID to {@code off}, or to
 * {@code {severity, hosts, reason}}) and {@code accepted:} (entries with {@code rule}, {@code host},
 * {@code subject}, {@code reason}, {@code owner}, {@code expires} and an optional {@code severity}). Rule IDs and
 * hosts must exist; errors name the file, line and key, and never repeat the file's text beyond the key.
 */
public final class AcceptedLoader {

    /** The file's name beside the inventory. */
    public static final String FILE_NAME = "maildrift-accepted.yml";
    static final int MAX_BYTES = 1024 * 1024;
    private static final Pattern HOST_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    /** A file that cannot be used: {@code FILE:LINE: KEY: problem}. */
    public static final class AcceptedException extends Exception {
        private static final long serialVersionUID = 1L;

        AcceptedException(String file, int line, String key, String problem) {
            super(file + (line > 0 ? ":" + line : "") + ": " + (key == null ? "" : key + ": ") + problem);
        }
    }

    private final String label;
    private final Set<String> ruleIds;
    private final Set<String> hostIds;

    private AcceptedLoader(String label, Set<String> ruleIds, Set<String> hostIds) {
        this.label = label;
        this.ruleIds = ruleIds;
        this.hostIds = hostIds;
    }

    /**
     * The file's deviations; {@code ruleIds} and {@code hostIds} are the catalogue's and the inventory's.
     * {@code name} is how findings name the file.
     */
    public static AcceptedDeviations load(Path file, String name, Set<String> ruleIds, Set<String> hostIds)
            throws AcceptedException {
        String text;
        try {
            text = TextFile.read(file, MAX_BYTES);
        } catch (IOException e) {
            throw new AcceptedException(file.toString(), 0, null, "cannot read: " + TextFile.describe(e));
        }
        return new AcceptedLoader(file.toString(), ruleIds, hostIds).read(text, name);
    }

    /**
     * The deviations an estate accepts: {@code given}, else {@code maildrift-accepted.yml} beside the inventory when
     * there is one (none otherwise), checked against the catalogue's rule IDs and the inventory's hosts and named
     * relative to the inventory's folder.
     */
    public static AcceptedDeviations forInventory(org.maildrift.inventory.Inventory inventory, Path given)
            throws AcceptedException {
        Path file = given != null ? given : besides(inventory.file());
        if (given == null && !Files.isRegularFile(file)) {
            return AcceptedDeviations.NONE;
        }
        Path folder = inventory.file().toAbsolutePath().getParent();
        Path abs = file.toAbsolutePath().normalize();
        String name = abs.startsWith(folder) ? folder.relativize(abs).toString() : abs.toString();
        Set<String> rules = new java.util.HashSet<>();
        org.maildrift.rules.catalog.RuleCatalog.definitions().forEach(d -> rules.add(d.id()));
        Set<String> hosts = new java.util.HashSet<>();
        inventory.hosts().forEach(h -> hosts.add(h.id()));
        return load(file, name, rules, hosts);
    }

    /** The file beside the inventory, if there is one. */
    public static Path besides(Path inventory) {
        Path dir = inventory.toAbsolutePath().getParent();
        return dir.resolve(FILE_NAME);
    }

    /** The deviations of a text named {@code label} in errors and findings. */
    public static AcceptedDeviations parse(String label, String text, Set<String> ruleIds, Set<String> hostIds)
            throws AcceptedException {
        return new AcceptedLoader(label, ruleIds, hostIds).read(text, label);
    }

    private AcceptedDeviations read(String text, String name) throws AcceptedException {
        try {
            Node root = YamlTree.compose(text, MAX_BYTES);
            if (root == null) {
                return new AcceptedDeviations(name, List.of(), List.of());
            }
            Map<String, NodeTuple> top = YamlTree.mapping(root, "(top level)", List.of("accepted", "rules"));
            List<AcceptedDeviations.RuleSetting> rules = new ArrayList<>();
            if (top.containsKey("rules")) {
                Node r = top.get("rules").getValueNode();
                if (!(r instanceof org.yaml.snakeyaml.nodes.MappingNode m)) {
                    throw new YamlTree.Problem(YamlTree.line(r), "rules", "expected a mapping of rule IDs, found "
                            + YamlTree.kind(r));
                }
                for (NodeTuple t : m.getValue()) {
                    rules.add(rule(t));
                }
            }
            List<AcceptedDeviations.Entry> entries = new ArrayList<>();
            if (top.containsKey("accepted")) {
                for (Node e : YamlTree.sequence(top.get("accepted").getValueNode(), "accepted")) {
                    entries.add(entry(e));
                }
            }
            return new AcceptedDeviations(name, rules, entries);
        } catch (YamlTree.Problem p) {
            throw new AcceptedException(label, p.line(), p.key(), p.problem());
        }
    }

    private AcceptedDeviations.RuleSetting rule(NodeTuple t) throws YamlTree.Problem {
        String id = YamlTree.scalar(t.getKeyNode(), "rules").strip();
        String key = "rules." + org.maildrift.files.Printable.of(id, 60);
        if (!ruleIds.contains(id)) {
            throw new YamlTree.Problem(YamlTree.line(t.getKeyNode()), key, "not a rule ID (docs/rules/README.md)");
        }
        Node v = t.getValueNode();
        if (v instanceof org.yaml.snakeyaml.nodes.ScalarNode s) {
            if (!s.getValue().strip().equals("off")) {
                throw new YamlTree.Problem(YamlTree.line(v), key, "expected off, or {severity: …, hosts: […]}");
            }
            return new AcceptedDeviations.RuleSetting(id, List.of(), null, null, YamlTree.line(t.getKeyNode()));
        }
        Map<String, NodeTuple> m = YamlTree.mapping(v, key, List.of("hosts", "off", "reason", "severity"));
        Severity severity = m.containsKey("severity") ? severity(m.get("severity").getValueNode(), key + ".severity")
                : null;
        boolean off = m.containsKey("off") && YamlTree.scalar(m.get("off").getValueNode(), key + ".off").strip()
                .matches("(?i)true|yes|on");
        if ((severity == null) == !off) {
            throw new YamlTree.Problem(YamlTree.line(v), key, "give either off: true or a severity");
        }
        List<String> hosts = new ArrayList<>();
        if (m.containsKey("hosts")) {
            for (Node h : YamlTree.sequence(m.get("hosts").getValueNode(), key + ".hosts")) {
                hosts.add(host(h, key + ".hosts"));
            }
        }
        String reason = m.containsKey("reason") ? text(m.get("reason").getValueNode(), key + ".reason") : null;
        return new AcceptedDeviations.RuleSetting(id, hosts, severity, reason, YamlTree.line(t.getKeyNode()));
    }

    private AcceptedDeviations.Entry entry(Node e) throws YamlTree.Problem {
        int line = YamlTree.line(e);
        String key = "accepted[" + line + "]";
        Map<String, NodeTuple> m = YamlTree.mapping(e, key, List.of("expires", "host", "owner", "reason", "rule",
                "severity", "subject"));
        for (String required : List.of("rule", "reason", "owner", "expires")) {
            if (!m.containsKey(required)) {
                throw new YamlTree.Problem(line, key + "." + required, "missing; every entry needs rule, reason, owner"
                        + " and expires");
            }
        }
        String rule = YamlTree.scalar(m.get("rule").getValueNode(), key + ".rule").strip();
        if (!rule.equals("*") && !ruleIds.contains(rule)) {
            throw new YamlTree.Problem(YamlTree.line(m.get("rule").getValueNode()), key + ".rule",
                    "not a rule ID (docs/rules/README.md) or *");
        }
        String host = m.containsKey("host") ? host(m.get("host").getValueNode(), key + ".host") : null;
        String subject = m.containsKey("subject") ? text(m.get("subject").getValueNode(), key + ".subject") : null;
        String reason = text(m.get("reason").getValueNode(), key + ".reason");
        String owner = text(m.get("owner").getValueNode(), key + ".owner");
        Node ex = m.get("expires").getValueNode();
        LocalDate expires;
        try {
            expires = LocalDate.parse(YamlTree.scalar(ex, key + ".expires").strip());
        } catch (DateTimeParseException x) {
            throw new YamlTree.Problem(YamlTree.line(ex), key + ".expires", "not a date such as 2027-06-30");
        }
        Severity severity = m.containsKey("severity") ? severity(m.get("severity").getValueNode(), key + ".severity")
                : null;
        return new AcceptedDeviations.Entry(rule, host, subject, reason, owner, expires, severity, line);
    }

    private String host(Node n, String key) throws YamlTree.Problem {
        String h = YamlTree.scalar(n, key).strip();
        if (!HOST_ID.matcher(h).matches() || !hostIds.contains(h)) {
            throw new YamlTree.Problem(YamlTree.line(n), key, "not a host of the inventory");
        }
        return h;
    }

    private static Severity severity(Node n, String key) throws YamlTree.Problem {
        try {
            return Severity.parse(YamlTree.scalar(n, key).strip());
        } catch (IllegalArgumentException e) {
            throw new YamlTree.Problem(YamlTree.line(n), key, "expected critical, warning, notice or info");
        }
    }

    /** A printable, non-empty value of at most 500 characters. */
    private static String text(Node n, String key) throws YamlTree.Problem {
        String v = YamlTree.scalar(n, key).strip();
        if (v.isEmpty()) {
            throw new YamlTree.Problem(YamlTree.line(n), key, "empty value");
        }
        if (v.length() > 500 || v.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new YamlTree.Problem(YamlTree.line(n), key, "at most 500 printable characters");
        }
        return v;
    }
}
