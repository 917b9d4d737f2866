package org.maildrift.dkim;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.maildrift.mta.FilesRoot;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * rspamd's DKIM signing (the dkim_signing module of rspamd 3.x), read from a host's rspamd folder under its
 * files-root: the module's defaults, then {@code ${DBDIR}/dynamic/dkim_signing.conf} (priority 5),
 * {@code local.d/dkim_signing.conf} (priority 1, objects merged) and {@code override.d/dkim_signing.conf}
 * (priority 10), merged as libucl merges includes: a key of a higher priority replaces the lower one. The
 * configuration is checked against {@code rspamadm configdump dkim_signing}.
 *
 * <p>Keys as lua_dkim_tools picks them for a signing domain (the registered domain of the sender's when
 * {@code use_esld}, the default): {@code domain.D.selector}/{@code path} and {@code domain.D.selectors[]}, then
 * {@code selector_map} and {@code path_map}, then, with {@code try_fallback}, the global {@code selector} and
 * {@code path} with {@code $domain} and {@code $selector} filled in. A key that only the fallback names counts
 * when its file is there: rspamd tries it for every sender domain, and most have none. Keys in Redis or Vault,
 * and OpenDKIM-style signing and key tables, are listed as not read.
 */
public final class RspamdDkimConfig {

    static final String SIGNER = "rspamd";

    /** The module's defaults in rspamd 3.4 (modules.d/dkim_signing.conf and the plugin's own table). */
    static final Map<String, Object> DEFAULTS = defaults();

    private RspamdDkimConfig() {
    }

    private static Map<String, Object> defaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("allow_envfrom_empty", true);
        d.put("allow_hdrfrom_mismatch", false);
        d.put("allow_hdrfrom_multiple", false);
        d.put("allow_username_mismatch", false);
        d.put("selector", "dkim");
        d.put("sign_authenticated", true);
        d.put("sign_local", true);
        d.put("symbol", "DKIM_SIGNED");
        d.put("try_fallback", true);
        d.put("use_domain", "header");
        d.put("use_esld", true);
        d.put("use_redis", false);
        d.put("key_prefix", "DKIM_KEYS");
        return d;
    }

    /** Where one key of one object was set: the file, its line, and the include's priority. */
    record Meta(String file, int line, int priority) {
    }

    /** The merged module configuration with where each key came from (by the identity of its object). */
    record Merged(ObjectNode tree, IdentityHashMap<ObjectNode, Map<String, Meta>> meta, List<String> problems) {
        Meta of(JsonNode container, String key) {
            Map<String, Meta> m = container instanceof ObjectNode o ? meta.get(o) : null;
            return m == null ? null : m.get(key);
        }
    }

    /** The paths rspamd's build gives its variables on Debian, with the host's configuration folder. */
    static Map<String, String> variables(String confDir) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("CONFDIR", confDir);
        v.put("LOCAL_CONFDIR", confDir);
        v.put("DBDIR", "/var/lib/rspamd");
        v.put("RUNDIR", "/run/rspamd");
        v.put("LOGDIR", "/var/log/rspamd");
        v.put("SHAREDIR", "/usr/share/rspamd");
        v.put("PLUGINSDIR", "/usr/share/rspamd/plugins");
        v.put("RULESDIR", "/usr/share/rspamd/rules");
        v.put("LUALIBDIR", "/usr/share/rspamd/lualib");
        v.put("WWWDIR", "/usr/share/rspamd/www");
        v.put("PREFIX", "/usr");
        return v;
    }

    /**
     * The module's configuration as rspamd merges it. {@code read} gives a file's text, or null when it is not
     * there; a file that is there but cannot be read, or is not UCL, is a problem and adds nothing.
     */
    static Merged merge(Map<String, String> variables, Function<String, FilesRoot.Read> read) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode tree = nodes.objectNode();
        IdentityHashMap<ObjectNode, Map<String, Meta>> meta = new IdentityHashMap<>();
        DEFAULTS.forEach((k, v) -> {
            tree.set(k, v instanceof Boolean b ? nodes.booleanNode(b) : nodes.stringNode(String.valueOf(v)));
            meta.computeIfAbsent(tree, x -> new LinkedHashMap<>()).put(k, new Meta("rspamd default", 0, 0));
        });
        List<String> problems = new ArrayList<>();
        String dbdir = variables.get("DBDIR");
        String local = variables.get("LOCAL_CONFDIR");
        record Include(String path, int priority, Ucl.Duplicates duplicates) {
        }
        for (Include inc : List.of(new Include(dbdir + "/dynamic/dkim_signing.conf", 5, Ucl.Duplicates.APPEND),
                new Include(local + "/local.d/dkim_signing.conf", 1, Ucl.Duplicates.MERGE),
                new Include(local + "/override.d/dkim_signing.conf", 10, Ucl.Duplicates.APPEND))) {
            FilesRoot.Read r = read.apply(inc.path());
            if (r == null) {
                continue;
            }
            if (!r.ok()) {
                problems.add(r.failure());
                continue;
            }
            Ucl.Parsed parsed;
            try {
                parsed = Ucl.parse(inc.path(), r.text(), inc.duplicates(), variables);
            } catch (Ucl.UclException e) {
                problems.add(e.getMessage() + " (rspamd refuses to start)");
                continue;
            }
            parsed.skippedMacros().forEach(m -> problems.add(inc.path() + " " + m + ": macros are not followed"));
            parsed.keyLines().forEach((obj, keys) -> keys.forEach((k, line) -> meta
                    .computeIfAbsent(obj, x -> new LinkedHashMap<>()).put(k, new Meta(inc.path(), line, inc.priority()))));
            mergeInto(tree, parsed.tree(), inc.priority(), inc.duplicates(), meta);
        }
        return new Merged(tree, meta, problems);
    }

    /**
     * An included file's keys put into the section as libucl puts them: under MERGE an object or list already
     * there takes the new keys or items whatever their priority; otherwise the higher priority replaces the
     * lower, the lower is dropped, and equal ones make an implicit array.
     */
    private static void mergeInto(ObjectNode target, ObjectNode source, int prio, Ucl.Duplicates strategy,
            IdentityHashMap<ObjectNode, Map<String, Meta>> meta) {
        Map<String, Meta> targetMeta = meta.computeIfAbsent(target, x -> new LinkedHashMap<>());
        Map<String, Meta> sourceMeta = meta.getOrDefault(source, Map.of());
        for (Map.Entry<String, JsonNode> e : source.properties()) {
            String k = e.getKey();
            JsonNode old = target.get(k);
            JsonNode v = e.getValue();
            Meta m = sourceMeta.getOrDefault(k, new Meta("", 0, prio));
            if (old == null) {
                target.set(k, v);
                targetMeta.put(k, m);
                continue;
            }
            if (strategy == Ucl.Duplicates.MERGE && old instanceof Ucl.ImplicitArray a && !a.isEmpty()
                    && a.get(0).isObject() && v.isObject()) {
                // an object given twice in an earlier file: merged into the first (libucl picks the element that
                // holds each key; a dynamic or override.d file that repeats a section or a domain is not modelled
                // further)
                mergeInto((ObjectNode) a.get(0), (ObjectNode) v, prio, strategy, meta);
                continue;
            }
            if (strategy == Ucl.Duplicates.MERGE && old.isObject()) {
                if (v.isObject()) {
                    mergeInto((ObjectNode) old, (ObjectNode) v, prio, strategy, meta);
                }
                continue;
            }
            if (strategy == Ucl.Duplicates.MERGE && old.isArray() && !(old instanceof Ucl.ImplicitArray)) {
                if (v.isArray() && !(v instanceof Ucl.ImplicitArray)) {
                    v.forEach(((tools.jackson.databind.node.ArrayNode) old)::add);
                } else {
                    ((tools.jackson.databind.node.ArrayNode) old).add(v);
                }
                continue;
            }
            Meta was = targetMeta.get(k);
            int wasPrio = was == null ? 0 : was.priority();
            if (prio > wasPrio) {
                target.set(k, v);
                targetMeta.put(k, m);
            } else if (prio == wasPrio) {
                Ucl.insert(target, k, v, Ucl.Duplicates.APPEND);
            }
        }
    }

    /**
     * The keys the host's rspamd signs with, for the domains listed in its configuration and for
     * {@code senderDomains} (the domains the host sends for), each key read under files-root.
     */
    public static DkimSigning read(String confDir, List<String> senderDomains, FilesRoot files) {
        String dir = confDir.endsWith("/") && confDir.length() > 1 ? confDir.substring(0, confDir.length() - 1) : confDir;
        Merged m = merge(variables(dir), path -> present(files, path) ? files.read(path) : null);
        return interpret(m, senderDomains, files::read);
    }

    /**
     * The keys of a host whose agent pushed {@code rspamadm configdump -j dkim_signing} (the section as rspamd
     * merged it) with the public half of each key file and the map files it names ({@code files}, by path).
     */
    public static DkimSigning fromConfigdump(String json, List<String> senderDomains, Map<String, String> files,
            String label) {
        JsonNode tree;
        try {
            tree = tools.jackson.databind.json.JsonMapper.builder().build().readTree(json);
        } catch (tools.jackson.core.JacksonException e) {
            return new DkimSigning(SIGNER, List.of(), List.of(label + ": the pushed configdump is not JSON"));
        }
        if (!(tree instanceof ObjectNode o)) {
            return new DkimSigning(SIGNER, List.of(), List.of(label + ": the pushed configdump is not a JSON object"));
        }
        IdentityHashMap<ObjectNode, Map<String, Meta>> meta = new IdentityHashMap<>();
        Map<String, Meta> top = new LinkedHashMap<>();
        o.propertyNames().forEach(k -> top.put(k, new Meta(label, 0, 0)));
        meta.put(o, top);
        return interpret(new Merged(o, meta, List.of()), senderDomains, path -> {
            String text = files.get(path);
            return text != null ? new FilesRoot.Read(text, null)
                    : new FilesRoot.Read(null, path + ": the host's agent has not pushed it (dkim)");
        });
    }

    static DkimSigning interpret(Merged m, List<String> senderDomains, Function<String, FilesRoot.Read> files) {
        ObjectNode t = m.tree();
        List<String> unresolved = new ArrayList<>(m.problems());
        List<ConfiguredKey> keys = new ArrayList<>();
        if (t.has("enabled") && !truthy(t.get("enabled"))) {
            return new DkimSigning(SIGNER, keys, unresolved);
        }
        if (t.has("signing_table") && t.has("key_table")) {
            unresolved.add("dkim_signing signing_table and key_table (OpenDKIM style) are not read");
            return new DkimSigning(SIGNER, keys, unresolved);
        }
        boolean redis = truthy(t.get("use_redis"));
        if (redis) {
            unresolved.add("dkim_signing use_redis: the keys and selectors are in Redis, which maildrift does not read");
        }
        if (truthy(t.get("use_vault"))) {
            unresolved.add("dkim_signing use_vault: the keys are in Vault, which maildrift does not read");
        }
        boolean esld = truthy(t.get("use_esld"));
        boolean fallback = truthy(t.get("try_fallback"));
        String globalSelector = text(t.get("selector"));
        String globalPath = t.has("path") ? text(t.get("path")) : "/var/lib/rspamd/dkim/$domain.$selector.key";
        Map<String, String> selectorMap = map(t, "selector_map", m, files, unresolved);
        Map<String, String> pathMap = map(t, "path_map", m, files, unresolved);
        JsonNode domains = t.get("domain");

        // the signing domains: those the configuration names, and the senders' (as rspamd reduces them)
        Set<String> candidates = new LinkedHashSet<>();
        if (domains != null && domains.isObject()) {
            for (String d : domains.propertyNames()) {
                if (!d.equals(d.toLowerCase(Locale.ROOT))) {
                    unresolved.add(where(m, domains, d, "dkim_signing domain").shown() + ": a domain with capitals is never"
                            + " matched (rspamd looks domains up in lower case)");
                    continue;
                }
                if (esld && !registered(d).equals(d)) {
                    unresolved.add(where(m, domains, d, "dkim_signing domain").shown() + ": " + d + " is never used: with "
                            + "use_esld rspamd signs with " + registered(d));
                    continue;
                }
                candidates.add(d);
            }
        }
        candidates.addAll(selectorMap.keySet());
        candidates.addAll(pathMap.keySet());
        Set<String> explicit = new LinkedHashSet<>(candidates);
        for (String s : senderDomains) {
            String d = s.toLowerCase(Locale.ROOT);
            candidates.add(esld ? registered(d) : d);
        }

        for (String d : candidates) {
            List<Entry> p = new ArrayList<>();
            JsonNode dc = domains != null && domains.isObject() ? domains.get(d) : null;
            if (dc != null && dc.isObject()) {
                if (dc.has("selector") || dc.has("path")) {
                    p.add(new Entry(textOrNull(dc.get("selector")), textOrNull(dc.get("path")),
                            where(m, domains, d, "dkim_signing domain " + d)));
                }
                JsonNode sels = dc.get("selectors");
                if (sels != null && sels.isArray()) {
                    for (JsonNode s : sels) {
                        p.add(new Entry(textOrNull(s.get("selector")), textOrNull(s.get("path")),
                                where(m, s, s.has("selector") ? "selector" : "path", "dkim_signing domain " + d + " selectors")));
                    }
                }
            }
            fill(p, "selector", selectorMap.get(d), where(m, t, "selector_map", "dkim_signing selector_map"));
            fill(p, "path", pathMap.get(d), where(m, t, "path_map", "dkim_signing path_map"));
            boolean onlyFallback = p.isEmpty();
            if (onlyFallback && !fallback) {
                continue;
            }
            if (!redis) {
                fill(p, "path", globalPath, where(m, t, "path", "dkim_signing path"));
            }
            fill(p, "selector", globalSelector, where(m, t, "selector", "dkim_signing selector"));
            for (Entry e : p) {
                if (e.path == null || e.selector == null) {
                    continue;
                }
                String path = e.path.replace("$domain", d).replace("$selector", e.selector);
                if (onlyFallback && !explicit.contains(d) && !files.apply(path).ok()) {
                    // rspamd tries the fallback for every sender domain; a domain without the file is not signed
                    continue;
                }
                keys.add(DkimKeys.configured(d, e.selector, path, e.where.setting(), e.where.file(), e.where.line(),
                        files));
            }
        }
        return new DkimSigning(SIGNER, keys, unresolved);
    }

    /** Whether a file is there under files-root (a file that is there but refused still counts, to be reported). */
    private static boolean present(FilesRoot files, String path) {
        FilesRoot.Located l = files.locate(path);
        return l.ok() || !l.failure().startsWith("file not found") && !l.failure().startsWith("no files-root");
    }

    /** One key being put together: selector and path as far as known, and where it is configured. */
    private static final class Entry {
        String selector;
        String path;
        final Where where;

        Entry(String selector, String path, Where where) {
            this.selector = selector;
            this.path = path;
            this.where = where;
        }
    }

    /** lua_dkim_tools' insert_or_update_prop: a first entry if there is none, else the property where missing. */
    private static void fill(List<Entry> p, String prop, String value, Where where) {
        if (value == null) {
            return;
        }
        if (p.isEmpty()) {
            p.add(new Entry(null, null, where));
        }
        for (Entry e : p) {
            if (prop.equals("selector") && e.selector == null) {
                e.selector = value;
            } else if (prop.equals("path") && e.path == null) {
                e.path = value;
            }
        }
    }

    /** A key's setting, and the file and line it is set in ("(rspamd default)", 0 for a default). */
    private record Where(String setting, String file, int line) {
        /** "setting (file:line)" for a message. */
        String shown() {
            return setting + " (" + file + (line == 0 ? "" : ":" + line) + ")";
        }
    }

    /** Where {@code key} of {@code container} was set. */
    private static Where where(Merged m, JsonNode container, String key, String setting) {
        Meta at = m.of(container, key);
        boolean byDefault = at == null || at.file().isEmpty() || at.file().equals("rspamd default");
        return new Where(setting, byDefault ? "(rspamd default)" : at.file(), at == null ? 0 : at.line());
    }

    /** A map option: a file (a path or file://) read under files-root, several of them, or an inline object. */
    private static Map<String, String> map(ObjectNode t, String name, Merged m, Function<String, FilesRoot.Read> files,
            List<String> unresolved) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode v = t.get(name);
        if (v == null) {
            return out;
        }
        List<JsonNode> sources = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(sources::add);
        } else {
            sources.add(v);
        }
        for (JsonNode s : sources) {
            if (s.isObject()) {
                for (Map.Entry<String, JsonNode> e : s.properties()) {
                    out.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), text(e.getValue()));
                }
                continue;
            }
            String src = text(s);
            String path = src.startsWith("file://") ? src.substring(7) : src;
            if (!path.startsWith("/")) {
                unresolved.add("dkim_signing " + name + " " + org.maildrift.files.Printable.of(src, 80)
                        + ": only map files are read");
                continue;
            }
            FilesRoot.Read r = files.apply(path);
            if (!r.ok()) {
                unresolved.add("dkim_signing " + name + ": " + r.failure());
                continue;
            }
            for (String l : r.text().split("\r?\n")) {
                String line = l.strip();
                int hash = line.indexOf('#');
                if (hash >= 0) {
                    line = line.substring(0, hash).strip();
                }
                String[] kv = line.split("\\s+", 2);
                if (kv.length == 2) {
                    out.putIfAbsent(kv[0].toLowerCase(Locale.ROOT), kv[1].strip());
                }
            }
        }
        return out;
    }

    /** The registered domain (public suffix plus one label), as rspamd's use_esld reduces a sender domain. */
    static String registered(String domain) {
        try {
            com.google.common.net.InternetDomainName n = com.google.common.net.InternetDomainName.from(domain);
            return n.isUnderPublicSuffix() ? n.topPrivateDomain().toString() : domain;
        } catch (IllegalArgumentException | IllegalStateException e) {
            return domain;
        }
    }

    private static boolean truthy(JsonNode n) {
        return n != null && (n.isBoolean() ? n.booleanValue() : n.isNumber() ? n.asInt() != 0
                : n.isString() && List.of("true", "yes", "on", "1").contains(n.stringValue().toLowerCase(Locale.ROOT)));
    }

    private static String text(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isArray()) {
            // a value given twice is an implicit array; the first stands for it
            return n.isEmpty() ? null : text(n.get(0));
        }
        return n.isString() ? n.stringValue() : n.asString();
    }

    private static String textOrNull(JsonNode n) {
        return n == null ? null : text(n);
    }
}
