package org.maildrift.inventory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.maildrift.files.YamlTree;
import org.maildrift.mail.InterfaceAddress;
import org.maildrift.mail.IpAddresses;
import org.maildrift.mail.Mta;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Reads the inventory YAML (see docs/inventory.md). Works on the YAML node tree so that every error
 * names the file, the line and the key: an unknown key, a missing file, a bad address or name, a
 * duplicate host id or address. Relative paths resolve against the inventory's folder.
 */
public final class InventoryLoader {

    static final long MAX_BYTES = 4L * 1024 * 1024;
    private static final Pattern HOST_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Pattern LOCAL_USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,31}");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");

    private final String fileName;
    private final Path folder;

    private InventoryLoader(Path file) {
        this.fileName = file.toString();
        Path parent = file.toAbsolutePath().getParent();
        this.folder = parent == null ? Path.of(".").toAbsolutePath() : parent;
    }

    public static Inventory load(Path file) throws InventoryException {
        String text;
        try {
            text = org.maildrift.files.TextFile.read(file, MAX_BYTES);
        } catch (org.maildrift.files.TextFile.Unreadable e) {
            throw new InventoryException(file.toString(), 0, null, "cannot read: " + e.problem());
        }
        return parse(file, text);
    }

    /** Parses inventory text as if it were the file {@code file} (paths resolve against its folder). */
    public static Inventory parse(Path file, String text) throws InventoryException {
        return new InventoryLoader(file).read(text);
    }

    private Inventory read(String text) throws InventoryException {
        Node root;
        try {
            root = YamlTree.compose(text, (int) MAX_BYTES);
        } catch (YamlTree.Problem p) {
            throw error(p);
        }
        if (root == null) {
            throw new InventoryException(fileName, 0, null, "empty inventory; it needs at least dns, hosts and watch");
        }
        Map<String, NodeTuple> top = mapping(root, "(top level)", Set.of("site", "dns", "hosts", "watch"));
        String site = top.containsKey("site") ? scalar(top.get("site").getValueNode(), "site") : null;
        Inventory.DnsSources dns = dns(require(top, "dns", root));
        List<Inventory.Host> hosts = hosts(require(top, "hosts", root));
        Inventory.Watch watch = watch(require(top, "watch", root));
        if (!dns.transfers().isEmpty() && dns.views().isEmpty()) {
            throw error(top.get("dns").getValueNode(), "dns.transfers", "zone transfers need a view with servers to ask");
        }
        return new Inventory(Path.of(fileName), site, dns, hosts, watch);
    }

    private Inventory.DnsSources dns(Node node) throws InventoryException {
        Map<String, NodeTuple> m = mapping(node, "dns", Set.of("zone-files", "views", "transfers", "trust-anchors"));
        List<Path> zoneFiles = new ArrayList<>();
        if (m.containsKey("zone-files")) {
            for (Node n : sequence(m.get("zone-files").getValueNode(), "dns.zone-files")) {
                // a zone file that cannot be read is reported at check time for its own names, not here
                zoneFiles.add(resolve(scalar(n, "dns.zone-files")));
            }
        }
        List<Inventory.View> views = new ArrayList<>();
        if (m.containsKey("views")) {
            Set<String> names = new HashSet<>();
            for (Node v : sequence(m.get("views").getValueNode(), "dns.views")) {
                Map<String, NodeTuple> vm = mapping(v, "dns.views[]", Set.of("name", "servers"));
                String name = scalar(require(vm, "name", v), "dns.views[].name");
                if (!names.add(name)) {
                    throw error(v, "dns.views[].name", "view '" + name + "' is declared twice");
                }
                List<String> servers = new ArrayList<>();
                for (Node s : sequence(require(vm, "servers", v), "dns.views[].servers")) {
                    servers.add(server(s));
                }
                if (servers.isEmpty()) {
                    throw error(v, "dns.views[].servers", "view '" + name + "' lists no server");
                }
                views.add(new Inventory.View(name, servers));
            }
        }
        List<String> transfers = new ArrayList<>();
        if (m.containsKey("transfers")) {
            for (Node n : sequence(m.get("transfers").getValueNode(), "dns.transfers")) {
                transfers.add(dnsName(n, "dns.transfers"));
            }
        }
        if (zoneFiles.isEmpty() && views.isEmpty()) {
            throw error(node, "dns", "give zone-files, views or both: maildrift needs somewhere to read DNS from");
        }
        // the file is read (and its records checked) when a live view validates, and an error names it then
        Path trustAnchors = m.containsKey("trust-anchors")
                ? resolve(scalar(m.get("trust-anchors").getValueNode(), "dns.trust-anchors")) : null;
        return new Inventory.DnsSources(zoneFiles, views, transfers, trustAnchors);
    }

    private String server(Node n) throws InventoryException {
        String text = scalar(n, "dns.views[].servers");
        if (text.equals("system")) {
            return text;
        }
        String host = text;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw error(n, "dns.views[].servers", "'" + text + "' has '[' without ']'");
            }
            host = text.substring(1, close);
            if (close + 1 < text.length()) {
                if (text.charAt(close + 1) != ':') {
                    throw error(n, "dns.views[].servers", "'" + text + "': expected ':PORT' after ']'");
                }
                port = text.substring(close + 2);
            }
        } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
            host = text.substring(0, text.indexOf(':'));
            port = text.substring(text.indexOf(':') + 1);
        }
        if (IpAddresses.parse(host) == null) {
            throw error(n, "dns.views[].servers", "'" + text + "' is not IP[:PORT] (or 'system'); server names are "
                    + "not resolved, give the address");
        }
        if (port != null && !port.matches("[0-9]{1,5}") || port != null && Integer.parseInt(port) > 65535) {
            throw error(n, "dns.views[].servers", "'" + text + "': port must be 1-65535");
        }
        return text;
    }

    private List<Inventory.Host> hosts(Node node) throws InventoryException {
        List<Inventory.Host> hosts = new ArrayList<>();
        Map<String, String> addressOwner = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (Node h : sequence(node, "hosts")) {
            Map<String, NodeTuple> m = mapping(h, "hosts[]", Set.of("id", "hostname", "addresses", "mta", "config",
                    "files-root", "tables", "opendkim", "sends-for", "relay-addresses", "system-senders", "rspamd"));
            String id = scalar(require(m, "id", h), "hosts[].id");
            if (!HOST_ID.matcher(id).matches()) {
                throw error(m.get("id").getValueNode(), "hosts[].id",
                        "'" + id + "': use letters, digits, '.', '-' or '_' (at most 63)");
            }
            if (!ids.add(id)) {
                throw error(m.get("id").getValueNode(), "hosts[].id", "host id '" + id + "' is used twice");
            }
            String key = "hosts[" + id + "]";
            String hostname = dnsName(require(m, "hostname", h), key + ".hostname");
            List<InterfaceAddress> addresses = new ArrayList<>();
            Node addrNode = require(m, "addresses", h);
            for (Node a : sequence(addrNode, key + ".addresses")) {
                String text = scalar(a, key + ".addresses");
                InterfaceAddress ip = InterfaceAddress.parse(text);
                if (ip == null) {
                    throw error(a, key + ".addresses", "'" + text
                            + "' is not an IPv4 or IPv6 address (optionally with its subnet prefix, /24)");
                }
                String canonical = ip.address();
                String owner = addressOwner.putIfAbsent(canonical, id);
                if (owner != null) {
                    throw error(a, key + ".addresses", canonical + " is already an address of host " + owner);
                }
                if (addresses.stream().noneMatch(x -> x.address().equals(canonical))) {
                    addresses.add(ip);
                }
            }
            if (addresses.isEmpty()) {
                throw error(addrNode, key + ".addresses", "a host needs at least one address");
            }
            Node mtaNode = require(m, "mta", h);
            String mtaText = scalar(mtaNode, key + ".mta").toLowerCase(Locale.ROOT);
            Mta mta;
            if (mtaText.equals("postfix")) {
                mta = Mta.POSTFIX;
            } else if (mtaText.equals("sendmail")) {
                mta = Mta.SENDMAIL;
            } else if (mtaText.equals("exim") || mtaText.equals("exim4")) {
                mta = Mta.EXIM;
            } else {
                throw error(mtaNode, key + ".mta", "'" + mtaText + "' is not one of: postfix, sendmail, exim");
            }
            Node configNode = require(m, "config", h);
            // "agent": the host's agent pushes its config to the service (docs/operations.md)
            // a configuration that cannot be read blinds this host alone: the readers report it at check time
            Path config = scalar(configNode, key + ".config").equals("agent") ? null
                    : resolve(scalar(configNode, key + ".config"));
            Path filesRoot = null;
            if (m.containsKey("files-root")) {
                Node fr = m.get("files-root").getValueNode();
                filesRoot = resolve(scalar(fr, key + ".files-root"));
                if (!Files.isDirectory(filesRoot)) {
                    throw error(fr, key + ".files-root", filesRoot + ": no such directory");
                }
            }
            List<Inventory.Table> tables = new ArrayList<>();
            if (m.containsKey("tables")) {
                for (Node t : sequence(m.get("tables").getValueNode(), key + ".tables")) {
                    tables.add(table(t, key + ".tables[]", tables));
                }
            }
            String opendkim = hostPath(m, key, "opendkim", filesRoot != null, "the path of opendkim.conf on the host,"
                    + " absolute (read under files-root)", "opendkim.conf and its tables and keys");
            String rspamd = hostPath(m, key, "rspamd", filesRoot != null, "the path of rspamd's configuration folder"
                    + " on the host, absolute (/etc/rspamd; read under files-root)", "rspamd's dkim_signing.conf, maps"
                    + " and keys");
            List<String> sendsFor = new ArrayList<>();
            if (m.containsKey("sends-for")) {
                for (Node d : sequence(m.get("sends-for").getValueNode(), key + ".sends-for")) {
                    sendsFor.add(dnsName(d, key + ".sends-for"));
                }
            }
            List<String> relayAddresses = new ArrayList<>();
            if (m.containsKey("relay-addresses")) {
                for (Node a : sequence(m.get("relay-addresses").getValueNode(), key + ".relay-addresses")) {
                    String text = scalar(a, key + ".relay-addresses");
                    InterfaceAddress ip = InterfaceAddress.parse(text);
                    if (ip == null || text.contains("/")) {
                        throw error(a, key + ".relay-addresses", "'" + text
                                + "' is not an IPv4 or IPv6 address");
                    }
                    relayAddresses.add(ip.address());
                }
            }
            List<String> systemSenders = new ArrayList<>();
            if (m.containsKey("system-senders")) {
                for (Node u : sequence(m.get("system-senders").getValueNode(), key + ".system-senders")) {
                    String user = scalar(u, key + ".system-senders");
                    if (!LOCAL_USER.matcher(user).matches()) {
                        throw error(u, key + ".system-senders", "not a local user name: use letters, digits, '.', "
                                + "'-' or '_' (at most 32), as in /etc/passwd");
                    }
                    systemSenders.add(user);
                }
            }
            hosts.add(new Inventory.Host(id, hostname, addresses, mta, config, filesRoot, line(h), tables, opendkim,
                    sendsFor, relayAddresses, systemSenders, rspamd));
        }
        if (hosts.isEmpty()) {
            throw error(node, "hosts", "list at least one mail host");
        }
        return hosts;
    }

    /** An absolute path on the host, read under its files-root (which it needs), or null when the key is absent. */
    private String hostPath(Map<String, NodeTuple> m, String key, String name, boolean hasFilesRoot, String absolute,
            String what) throws InventoryException {
        if (!m.containsKey(name)) {
            return null;
        }
        Node n = m.get(name).getValueNode();
        String path = scalar(n, key + "." + name);
        if (!path.startsWith("/")) {
            throw error(n, key + "." + name, absolute);
        }
        if (!hasFilesRoot) {
            throw error(n, key + "." + name, "needs files-root: " + what + " are read from the host's files");
        }
        return path;
    }

    private Inventory.Watch watch(Node node) throws InventoryException {
        Map<String, NodeTuple> m = mapping(node, "watch", Set.of("names", "domains", "zones", "mta-sts"));
        List<String> names = names(m, "names");
        List<String> domains = names(m, "domains");
        List<String> zones = names(m, "zones");
        if (names.isEmpty() && domains.isEmpty() && zones.isEmpty()) {
            throw error(node, "watch", "watch at least one name, domain or zone");
        }
        Map<String, Path> policies = new java.util.LinkedHashMap<>();
        if (m.containsKey("mta-sts")) {
            Node pm = m.get("mta-sts").getValueNode();
            if (!(pm instanceof org.yaml.snakeyaml.nodes.MappingNode map)) {
                throw error(pm, "watch.mta-sts", "expected a mapping of domain: policy file");
            }
            for (NodeTuple t : map.getValue()) {
                String domain = dnsName(t.getKeyNode(), "watch.mta-sts");
                if (!domains.contains(domain)) {
                    throw error(t.getKeyNode(), "watch.mta-sts", "'" + domain + "' is not one of watch.domains");
                }
                if (policies.put(domain, resolve(scalar(t.getValueNode(), "watch.mta-sts." + domain))) != null) {
                    throw error(t.getKeyNode(), "watch.mta-sts", "'" + domain + "' is given twice");
                }
            }
        }
        return new Inventory.Watch(names, domains, zones, policies);
    }

    private List<String> names(Map<String, NodeTuple> m, String key) throws InventoryException {
        Set<String> out = new java.util.LinkedHashSet<>();
        if (m.containsKey(key)) {
            for (Node n : sequence(m.get(key).getValueNode(), "watch." + key)) {
                out.add(dnsName(n, "watch." + key));
            }
        }
        return List.copyOf(out);
    }

    private String dnsName(Node n, String key) throws InventoryException {
        String text = scalar(n, key);
        String name = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        if (name.isEmpty() || name.length() > 253) {
            throw error(n, key, "'" + text + "' is not a DNS name");
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw error(n, key, "'" + text + "' is not a DNS name ("
                        + (label.isEmpty() ? "empty label" : "label '" + label + "'") + ")");
            }
        }
        return name.toLowerCase(Locale.ROOT);
    }

    /** One hosts[].tables entry: which table definition, and how maildrift reaches its database. */
    private Inventory.Table table(Node node, String key, List<Inventory.Table> seen) throws InventoryException {
        Map<String, NodeTuple> t = mapping(node, key, Set.of("file", "hosts", "user", "password-file", "dbname",
                "dbpath"));
        String file = scalar(require(t, "file", node), key + ".file");
        if (!file.startsWith("/")) {
            throw error(t.get("file").getValueNode(), key + ".file", "'" + file
                    + "': give the table definition's absolute path, as main.cf names it");
        }
        if (seen.stream().anyMatch(s -> s.file().equals(file))) {
            throw error(t.get("file").getValueNode(), key + ".file", file + " is listed twice");
        }
        String hosts = t.containsKey("hosts") ? scalar(t.get("hosts").getValueNode(), key + ".hosts") : null;
        if (hosts != null && !hosts.matches("[A-Za-z0-9._:\\[\\], -]{1,500}")) {
            throw error(t.get("hosts").getValueNode(), key + ".hosts", "give host[:port] entries, separated by blanks"
                    + " or commas");
        }
        String user = t.containsKey("user") ? scalar(t.get("user").getValueNode(), key + ".user") : null;
        String dbname = t.containsKey("dbname") ? scalar(t.get("dbname").getValueNode(), key + ".dbname") : null;
        Path passwordFile = null;
        if (t.containsKey("password-file")) {
            Node pf = t.get("password-file").getValueNode();
            passwordFile = resolve(scalar(pf, key + ".password-file"));
            if (!Files.isRegularFile(passwordFile)) {
                throw error(pf, key + ".password-file", passwordFile + ": no such file");
            }
        }
        Path dbpath = null;
        if (t.containsKey("dbpath")) {
            Node dp = t.get("dbpath").getValueNode();
            dbpath = resolve(scalar(dp, key + ".dbpath"));
            if (!Files.isRegularFile(dbpath)) {
                throw error(dp, key + ".dbpath", dbpath + ": no such file");
            }
        }
        return new Inventory.Table(file, hosts, user, passwordFile, dbname, dbpath, line(node));
    }

    private Path resolve(String text) {
        Path p = Path.of(text);
        return (p.isAbsolute() ? p : folder.resolve(p)).normalize();
    }

    private Map<String, NodeTuple> mapping(Node node, String key, Set<String> allowed) throws InventoryException {
        try {
            return YamlTree.mapping(node, key, allowed.stream().sorted().toList());
        } catch (YamlTree.Problem p) {
            throw error(p);
        }
    }

    private List<Node> sequence(Node node, String key) throws InventoryException {
        try {
            return YamlTree.sequence(node, key);
        } catch (YamlTree.Problem p) {
            throw error(p);
        }
    }

    private String scalar(Node node, String key) throws InventoryException {
        String v;
        try {
            v = YamlTree.scalar(node, key).trim();
        } catch (YamlTree.Problem p) {
            throw error(p);
        }
        if (v.isEmpty()) {
            throw error(node, key, "empty value");
        }
        return v;
    }

    private Node require(Map<String, NodeTuple> m, String key, Node parent) throws InventoryException {
        NodeTuple t = m.get(key);
        if (t == null) {
            throw error(parent, key, "missing; this key is required here");
        }
        return t.getValueNode();
    }

    private static int line(Node node) {
        return YamlTree.line(node);
    }

    private InventoryException error(Node node, String key, String problem) {
        return new InventoryException(fileName, line(node), key, problem);
    }

    private InventoryException error(YamlTree.Problem p) {
        return new InventoryException(fileName, p.line(), p.key(), p.problem());
    }
}
