package org.maildrift.precheck;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.maildrift.files.YamlTree;
import org.maildrift.mail.IpAddresses;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a change set (docs/precheck.md): a YAML list of changes, or a mapping with {@code changes:}.
 * Every error names the file, the line and the key. JSON is YAML, so the REST API's bodies are read
 * here too; there {@code file:} entries are refused ({@code allowFiles} false), since a request must not
 * make the service read its own disk.
 */
public final class ChangeSetLoader {

    static final long MAX_BYTES = 16L * 1024 * 1024;
    private static final Pattern NAME = Pattern.compile(
            "(?=.{1,253}\\.?$)([A-Za-z0-9_*]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\\.?");
    private static final Pattern PARAMETER = Pattern.compile("[a-z][a-z0-9_]{0,99}");
    private static final Pattern HOST_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    private final String label;
    private final Path folder;
    private final boolean allowFiles;

    private ChangeSetLoader(String label, Path folder, boolean allowFiles) {
        this.label = label;
        this.folder = folder;
        this.allowFiles = allowFiles;
    }

    public static List<Change> load(Path file) throws ChangeSetException {
        String text;
        try {
            text = org.maildrift.files.TextFile.read(file, MAX_BYTES);
        } catch (org.maildrift.files.TextFile.Unreadable e) {
            throw new ChangeSetException(file.toString(), null, "cannot read: " + e.problem());
        }
        Path parent = file.toAbsolutePath().getParent();
        return new ChangeSetLoader(file.toString(), parent, true).read(text);
    }

    /** Reads a change set given as text (a request body); {@code file:} entries are refused. */
    public static List<Change> parse(String label, String text) throws ChangeSetException {
        return new ChangeSetLoader(label, null, false).read(text);
    }

    /**
     * A DNS name typed in a form field: lower case, without the final dot; a {@link ChangeSetException}
     * naming {@code where} and {@code field} when it is not one.
     */
    public static String dnsName(String where, String field, String value) throws ChangeSetException {
        String n = value == null ? "" : value.strip();
        if (!NAME.matcher(n).matches() || n.contains("*")) {
            throw new ChangeSetException(where, field, "'" + n + "' is not a DNS name");
        }
        String lower = n.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /** A host id typed in a form field. */
    public static String hostId(String where, String field, String value) throws ChangeSetException {
        String h = value == null ? "" : value.strip();
        if (!HOST_ID.matcher(h).matches()) {
            throw new ChangeSetException(where, field, "'" + h + "' is not a host id");
        }
        return h;
    }

    /** A Postfix parameter name and its one-line value typed in form fields. */
    public static Change.SetParameter parameter(String where, String host, String name, String value)
            throws ChangeSetException {
        String p = name == null ? "" : name.strip();
        if (!PARAMETER.matcher(p).matches()) {
            throw new ChangeSetException(where, "set-parameter.name", "'" + p + "' is not a Postfix parameter name");
        }
        String v = value == null ? "" : value.strip();
        if (v.contains("\n") || v.contains("\r")) {
            throw new ChangeSetException(where, "set-parameter.value", "one line only");
        }
        return new Change.SetParameter(hostId(where, "set-parameter.host", host), p, v, where);
    }

    /** A proposed zone file named on the command line. */
    public static Change.ProposedZone proposedZone(Path file) {
        return new Change.ProposedZone(file.toString(), file, null, "--proposed-zone " + file);
    }

    /** A proposed configuration named on the command line as HOST=FILE. */
    public static Change.ProposedConfig proposedConfig(String hostEqualsFile) throws ChangeSetException {
        int eq = hostEqualsFile.indexOf('=');
        if (eq <= 0 || eq == hostEqualsFile.length() - 1) {
            throw new ChangeSetException("--proposed-config", null, "'" + hostEqualsFile + "' is not HOST=FILE");
        }
        Path file = Path.of(hostEqualsFile.substring(eq + 1));
        return new Change.ProposedConfig(hostEqualsFile.substring(0, eq), file, null, "--proposed-config "
                + hostEqualsFile);
    }

    private List<Change> read(String text) throws ChangeSetException {
        Node root;
        try {
            root = YamlTree.compose(text, (int) MAX_BYTES);
        } catch (YamlTree.Problem p) {
            throw error(p);
        }
        if (root == null) {
            throw new ChangeSetException(label, null, "empty change set; list at least one change");
        }
        Node list = root;
        if (root instanceof MappingNode m) {
            Map<String, NodeTuple> top = keys(m, "(top level)", List.of("changes"));
            if (!top.containsKey("changes")) {
                throw new ChangeSetException(at(line(root)), "changes", "missing");
            }
            list = top.get("changes").getValueNode();
        }
        if (!(list instanceof SequenceNode seq)) {
            throw new ChangeSetException(at(line(list)), "changes", "expected a list of changes, found " + kind(list));
        }
        if (seq.getValue().isEmpty()) {
            throw new ChangeSetException(at(line(list)), "changes", "empty; list at least one change");
        }
        List<Change> out = new ArrayList<>();
        for (int i = 0; i < seq.getValue().size(); i++) {
            out.add(change(seq.getValue().get(i), "changes[" + i + "]"));
        }
        return out;
    }

    private Change change(Node node, String path) throws ChangeSetException {
        if (!(node instanceof MappingNode m) || m.getValue().size() != 1) {
            throw new ChangeSetException(at(line(node)), path, "expected one change such as 'rename-host: {from: …, to: …}'");
        }
        NodeTuple t = m.getValue().get(0);
        String kind = scalar(t.getKeyNode(), path);
        Node body = t.getValueNode();
        String where = at(line(node));
        switch (kind) {
            case "rename-host": {
                Map<String, String> f = fields(body, kind, List.of("from", "to"), List.of());
                return new Change.RenameHost(name(f, "from", kind, body), name(f, "to", kind, body), where);
            }
            case "set-cname": {
                Map<String, String> f = fields(body, kind, List.of("name", "target"), List.of());
                return new Change.SetCname(name(f, "name", kind, body), name(f, "target", kind, body), where);
            }
            case "set-addresses": {
                Map<String, NodeTuple> k = keys(mapping(body, kind), kind, List.of("name", "addresses"));
                String n = name(Map.of("name", requiredScalar(k, "name", kind, body)), "name", kind, body);
                return new Change.SetAddresses(n, addresses(k, kind, body, where), where);
            }
            case "readdress-host": {
                Map<String, NodeTuple> k = keys(mapping(body, kind), kind, List.of("host", "addresses"));
                String h = host(Map.of("host", requiredScalar(k, "host", kind, body)), kind, body);
                List<String> addresses = addresses(k, kind, body, where);
                if (addresses.isEmpty()) {
                    throw new ChangeSetException(where, kind + ".addresses", "a host needs at least one address");
                }
                return new Change.ReaddressHost(h, addresses, where);
            }
            case "remove-name": {
                Map<String, String> f = fields(body, kind, List.of("name"), List.of());
                return new Change.RemoveName(name(f, "name", kind, body), where);
            }
            case "set-mx": {
                Map<String, NodeTuple> k = keys(mapping(body, kind), kind, List.of("domain", "exchanges"));
                String d = name(Map.of("domain", requiredScalar(k, "domain", kind, body)), "domain", kind, body);
                List<String> exchanges = new ArrayList<>();
                for (String e : list(k, "exchanges", kind, body)) {
                    String[] parts = e.trim().split("\\s+");
                    if (parts.length != 2 || !parts[0].matches("\\d{1,5}") || Integer.parseInt(parts[0]) > 65535
                            || !(NAME.matcher(parts[1]).matches() || parts[1].equals("."))) {
                        throw new ChangeSetException(where, kind + ".exchanges",
                                "'" + e + "' is not 'PREFERENCE EXCHANGE' such as '10 mx1.example.com'");
                    }
                    exchanges.add(Integer.parseInt(parts[0]) + " " + parts[1]);
                }
                return new Change.SetMx(d, exchanges, where);
            }
            case "set-txt": {
                Map<String, NodeTuple> k = keys(mapping(body, kind), kind, List.of("name", "records"));
                String n = name(Map.of("name", requiredScalar(k, "name", kind, body)), "name", kind, body);
                List<String> records = new ArrayList<>();
                for (String r : list(k, "records", kind, body)) {
                    if (r.length() > 4000) {
                        throw new ChangeSetException(where, kind + ".records", "a TXT record of " + r.length()
                                + " characters; at most 4000 fit in a DNS answer here");
                    }
                    for (int i = 0; i < r.length(); i++) {
                        char c = r.charAt(i);
                        if (c < 0x20 || c > 0x7e) {
                            throw new ChangeSetException(where, kind + ".records", "record " + (records.size() + 1)
                                    + " has a character outside printable ASCII at position " + (i + 1));
                        }
                    }
                    records.add(r);
                }
                return new Change.SetTxt(n, records, where);
            }
            case "accept-name": {
                Map<String, String> f = fields(body, kind, List.of("host", "name"), List.of());
                return new Change.AcceptName(host(f, kind, body), name(f, "name", kind, body), where);
            }
            case "drop-name": {
                Map<String, String> f = fields(body, kind, List.of("host", "name"), List.of());
                return new Change.DropName(host(f, kind, body), name(f, "name", kind, body), where);
            }
            case "set-parameter": {
                Map<String, String> f = fields(body, kind, List.of("host", "name", "value"), List.of());
                String p = f.get("name");
                if (!PARAMETER.matcher(p).matches()) {
                    throw new ChangeSetException(at(line(body)), kind + ".name", "'" + p + "' is not a Postfix parameter name");
                }
                String v = f.get("value");
                if (v.contains("\n") || v.contains("\r")) {
                    throw new ChangeSetException(at(line(body)), kind + ".value", "one line only");
                }
                return new Change.SetParameter(host(f, kind, body), p, v, where);
            }
            case "set-hostname": {
                Map<String, String> f = fields(body, kind, List.of("host", "hostname"), List.of());
                return new Change.SetHostname(host(f, kind, body), name(f, "hostname", kind, body), where);
            }
            case "proposed-zone": {
                Map<String, String> f = fields(body, kind, List.of(), List.of("file", "text", "origin"));
                String origin = f.containsKey("origin") ? name(f, "origin", kind, body) : "";
                return new Change.ProposedZone(origin, file(f, kind, body), f.get("text"), where);
            }
            case "proposed-config": {
                Map<String, String> f = fields(body, kind, List.of("host"), List.of("file", "text"));
                return new Change.ProposedConfig(host(f, kind, body), file(f, kind, body), f.get("text"), where);
            }
            case "renew-certificate": {
                Map<String, String> f = fields(body, kind, List.of("host"), List.of("chain", "text"));
                Map<String, String> asFile = new java.util.LinkedHashMap<>();
                if (f.containsKey("chain")) {
                    asFile.put("file", f.get("chain"));
                }
                if (f.containsKey("text")) {
                    asFile.put("text", f.get("text"));
                }
                return new Change.RenewCertificate(host(f, kind, body), file(asFile, kind, body), f.get("text"), where);
            }
            default:
                throw new ChangeSetException(at(line(t.getKeyNode())), path, "unknown change '" + kind + "'; expected one of"
                        + " rename-host, readdress-host, set-cname, set-addresses, remove-name, set-mx, set-txt, accept-name, drop-name,"
                        + " set-parameter, set-hostname, proposed-zone, proposed-config, renew-certificate");
        }
    }

    private Path file(Map<String, String> f, String kind, Node body) throws ChangeSetException {
        boolean hasFile = f.containsKey("file");
        boolean hasText = f.containsKey("text");
        if (hasFile == hasText) {
            throw new ChangeSetException(at(line(body)), kind, kind.equals("renew-certificate")
                    ? "give exactly one of chain or text" : "give exactly one of file or text");
        }
        if (!hasFile) {
            return null;
        }
        if (!allowFiles) {
            throw new ChangeSetException(at(line(body)), kind + (kind.equals("renew-certificate") ? ".chain" : ".file"),
                    "not accepted here; send the content as text");
        }
        Path p = Path.of(f.get("file"));
        return folder == null || p.isAbsolute() ? p : folder.resolve(p);
    }

    private String name(Map<String, String> f, String key, String kind, Node body) throws ChangeSetException {
        String n = f.get(key);
        if (!NAME.matcher(n).matches() || n.contains("*")) {
            throw new ChangeSetException(at(line(body)), kind + "." + key, "'" + n + "' is not a DNS name");
        }
        String lower = n.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /** The change's {@code addresses} list, each canonical, each once. */
    private List<String> addresses(Map<String, NodeTuple> k, String kind, Node body, String where)
            throws ChangeSetException {
        List<String> addresses = new ArrayList<>();
        for (String a : list(k, "addresses", kind, body)) {
            java.net.InetAddress ip = IpAddresses.parse(a);
            if (ip == null) {
                throw new ChangeSetException(where, kind + ".addresses", "'" + org.maildrift.files.Printable.of(a, 60)
                        + "' is not an IPv4 or IPv6 address");
            }
            if (!addresses.contains(IpAddresses.canonical(ip))) {
                addresses.add(IpAddresses.canonical(ip));
            }
        }
        return addresses;
    }

    private String host(Map<String, String> f, String kind, Node body) throws ChangeSetException {
        String h = f.get("host");
        if (!HOST_ID.matcher(h).matches()) {
            throw new ChangeSetException(at(line(body)), kind + ".host", "'" + h + "' is not a host id");
        }
        return h;
    }

    private MappingNode mapping(Node node, String kind) throws ChangeSetException {
        if (!(node instanceof MappingNode m)) {
            throw new ChangeSetException(at(line(node)), kind, "expected a mapping of fields, found " + kind(node));
        }
        return m;
    }

    private Map<String, String> fields(Node node, String kind, List<String> required, List<String> optional)
            throws ChangeSetException {
        List<String> allowed = new ArrayList<>(required);
        allowed.addAll(optional);
        Map<String, NodeTuple> k = keys(mapping(node, kind), kind, allowed);
        Map<String, String> out = new LinkedHashMap<>();
        for (String r : required) {
            out.put(r, requiredScalar(k, r, kind, node));
        }
        for (String o : optional) {
            if (k.containsKey(o)) {
                out.put(o, scalar(k.get(o).getValueNode(), kind + "." + o));
            }
        }
        return out;
    }

    private String requiredScalar(Map<String, NodeTuple> k, String key, String kind, Node node) throws ChangeSetException {
        if (!k.containsKey(key)) {
            throw new ChangeSetException(at(line(node)), kind + "." + key, "missing");
        }
        String v = scalar(k.get(key).getValueNode(), kind + "." + key);
        if (v.isBlank()) {
            throw new ChangeSetException(at(line(k.get(key).getValueNode())), kind + "." + key, "empty");
        }
        return v.strip();
    }

    private List<String> list(Map<String, NodeTuple> k, String key, String kind, Node node) throws ChangeSetException {
        if (!k.containsKey(key)) {
            throw new ChangeSetException(at(line(node)), kind + "." + key, "missing");
        }
        List<String> out = new ArrayList<>();
        try {
            for (Node item : YamlTree.sequence(k.get(key).getValueNode(), kind + "." + key)) {
                out.add(YamlTree.scalar(item, kind + "." + key));
            }
        } catch (YamlTree.Problem p) {
            throw error(p);
        }
        return out;
    }

    private Map<String, NodeTuple> keys(MappingNode m, String path, List<String> allowed) throws ChangeSetException {
        try {
            return YamlTree.mapping(m, path, allowed);
        } catch (YamlTree.Problem p) {
            throw error(p);
        }
    }

    private String scalar(Node node, String path) throws ChangeSetException {
        try {
            return YamlTree.scalar(node, path);
        } catch (YamlTree.Problem p) {
            throw error(p);
        }
    }

    private ChangeSetException error(YamlTree.Problem p) {
        return new ChangeSetException(at(p.line()), p.key(), p.problem());
    }

    private String at(int line) {
        return line > 0 ? label + ":" + line : label;
    }

    private static int line(Node node) {
        return YamlTree.line(node);
    }

    private static String kind(Node node) {
        return YamlTree.kind(node);
    }
}
