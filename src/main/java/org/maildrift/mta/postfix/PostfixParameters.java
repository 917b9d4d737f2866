package org.maildrift.mta.postfix;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.maildrift.mta.model.ConfigProblem;

/**
 * The parameter name space postconf and the daemons see for one main.cf: main.cf entries, built-in
 * defaults (with myhostname and mydomain computed from the kernel host name the caller supplies,
 * spec P3), and user-defined parameters that are valid because something refers to them.
 */
public final class PostfixParameters {

    static final String DEFAULT_DOMAIN = "localdomain";
    private static final Set<String> READ_ONLY = PostfixDefaults.readOnly();
    private static final Set<String> RAW = PostfixDefaults.raw();
    private static final Set<String> COMPUTED = Set.of("myhostname", "mydomain", "mynetworks", "process_id",
            "config_directory");

    private final MainCf mainCf;
    private final String hostname;
    private final List<org.maildrift.mail.InterfaceAddress> interfaces;
    private final String configDirectory;
    private final Map<String, String> builtins = PostfixDefaults.all();
    private final Set<String> userParameters = new HashSet<>();
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final List<String> fatalMessages = new ArrayList<>();
    private final List<String> unmodelled = new ArrayList<>();
    private String myhostnameDefault;
    private String mydomainDefault;
    private String mynetworksDefault = "";

    private PostfixParameters(MainCf mainCf, PostfixReader.Host host, String configDirectory) {
        this.mainCf = mainCf;
        String hostname = host.hostname();
        this.hostname = hostname == null || hostname.isBlank() ? "localhost" : hostname.strip();
        this.interfaces = host.interfaces();
        this.configDirectory = configDirectory;
        problems.addAll(mainCf.problems());
        for (String ro : READ_ONLY.stream().sorted().toList()) {
            mainCf.entry(ro).ifPresent(e -> problems.add(ConfigProblem.warning(mainCf.file(), e.line(),
                    "read-only parameter assignment: " + ro + "=" + e.value() + " (ignored)")));
        }
        if (!mainCf.fatal()) {
            computeIdentityDefaults();
            registerUserParameters();
            if (fatalMessages.isEmpty()) {
                validateBuiltins();
            }
            if (fatalMessages.isEmpty() && !isSetInMainCf("mynetworks")) {
                computeMynetworksDefault();
            }
        }
    }

    /**
     * @param hostname the machine's kernel host name (what {@code hostname} prints); used only when
     *                 main.cf does not set myhostname / mydomain
     * @param configDirectory what {@code $config_directory} expands to (postconf -c DIR)
     */
    public static PostfixParameters of(MainCf mainCf, String hostname, String configDirectory) {
        return new PostfixParameters(mainCf, new PostfixReader.Host(hostname, List.of()), configDirectory);
    }

    /**
     * @param host the machine's kernel host name and its interface addresses besides loopback (the
     *             default of mynetworks is derived from them)
     */
    public static PostfixParameters of(MainCf mainCf, PostfixReader.Host host, String configDirectory) {
        return new PostfixParameters(mainCf, host, configDirectory);
    }

    /**
     * What the values depend on that maildrift cannot know from the inventory, by parameter: postconf's
     * own process id, and a mynetworks default derived from something the inventory does not say.
     */
    public Map<String, List<String>> unmodelled() {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        out.put("process_id", List.of("postconf prints its own process id"));
        if (!unmodelled.isEmpty() && !isSetInMainCf("mynetworks")) {
            out.put("mynetworks", List.copyOf(unmodelled));
        }
        return out;
    }

    /**
     * The not-modelled parameters that {@code name}'s value depends on: itself, or (when {@code expand})
     * any parameter its value refers to, however deeply.
     */
    public List<String> dependsOnUnmodelled(String name, boolean expand) {
        Map<String, List<String>> known = unmodelled();
        Set<String> seen = new java.util.LinkedHashSet<>();
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(List.of(name));
        List<String> out = new ArrayList<>();
        while (!todo.isEmpty() && seen.size() < 10_000) {
            String n = todo.pop();
            if (!seen.add(n)) {
                continue;
            }
            if (known.containsKey(n)) {
                out.add(n);
            }
            String v = lookup(n);
            if (expand && v != null && !isRaw(n)) {
                todo.addAll(MacroExpander.referencedNames(v));
            }
        }
        return out;
    }

    public MainCf mainCf() {
        return mainCf;
    }

    /** True when postconf would die before printing anything (syntax error, bad identity expansion). */
    public boolean fatal() {
        return mainCf.fatal() || !fatalMessages.isEmpty();
    }

    public List<String> fatalMessages() {
        return List.copyOf(fatalMessages);
    }

    public List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }

    /** Whether postconf knows the name: built in, or user-defined and referred to. */
    public boolean isKnown(String name) {
        return builtins.containsKey(name) || COMPUTED.contains(name) || userParameters.contains(name);
    }

    public boolean isSetInMainCf(String name) {
        return mainValue(name) != null;
    }

    /** The raw value postconf -h prints: main.cf's, else the (computed) default; empty if unknown. */
    public Optional<String> raw(String name) {
        return Optional.ofNullable(lookup(name));
    }

    /** Value lookup used by $name expansion: main.cf, then the built-in default, else undefined (null). */
    public String lookup(String name) {
        String v = mainValue(name);
        if (v != null) {
            return v;
        }
        return switch (name) {
            case "myhostname" -> myhostnameDefault;
            case "mydomain" -> mydomainDefault;
            case "config_directory" -> configDirectory;
            case "mynetworks" -> mynetworksDefault;
            case "process_id" -> "0";
            default -> builtins.get(name);
        };
    }

    /** Recursive expansion of a parameter's value, as postconf -x. */
    public MacroExpander.Result expandParameter(String name) {
        String raw = lookup(name);
        if (raw == null) {
            return new MacroExpander.Result("", false, List.of(), Set.of(name));
        }
        return MacroExpander.expand(raw, this::lookup);
    }

    public MacroExpander.Result expand(String text) {
        return MacroExpander.expand(text, this::lookup);
    }

    private String mainValue(String name) {
        if (READ_ONLY.contains(name)) {
            return null;
        }
        if (name.equals("config_directory")) {
            // postconf -c DIR enters config_directory = DIR into the main.cf table itself
            return configDirectory;
        }
        return mainCf.value(name).orElse(null);
    }

    /** mail_conf_lookup_eval(): main.cf value expanded against main.cf alone; null when unset. */
    private String mainCfEval(String name) {
        String v = mainValue(name);
        if (v == null) {
            return null;
        }
        MacroExpander.Result r = MacroExpander.expand(v, this::mainValue);
        if (r.error()) {
            fatalMessages.addAll(r.messages());
            fatalMessages.add("dictionary mail_dict: macro processing error");
            return "";
        }
        return r.value();
    }

    /**
     * postconf computes the mynetworks default at start-up whenever main.cf leaves it unset, so a bad
     * inet_protocols, inet_interfaces or mynetworks_style is fatal for any query then.
     */
    private void computeMynetworksDefault() {
        MyNetworks.Result r = MyNetworks.derive(name -> {
            MacroExpander.Result e = expandParameter(name);
            return e.error() ? "" : e.value();
        }, interfaces);
        if (r.fatal() != null) {
            fatalMessages.add(r.fatal());
            return;
        }
        mynetworksDefault = r.value();
        unmodelled.addAll(r.unmodelled());
    }

    /** pcf_check_myhostname() / pcf_check_mydomainname(), computed once as postconf does at start-up. */
    private void computeIdentityDefaults() {
        if (!isSetInMainCf("myhostname")) {
            if (hostname.indexOf('.') >= 0) {
                myhostnameDefault = hostname;
            } else {
                String domain = mainCfEval("mydomain");
                myhostnameDefault = hostname + "." + (domain == null ? DEFAULT_DOMAIN : domain);
            }
        }
        if (!isSetInMainCf("mydomain")) {
            String host = isSetInMainCf("myhostname") ? mainCfEval("myhostname") : myhostnameDefault;
            int dot = host.indexOf('.');
            mydomainDefault = dot < 0 ? DEFAULT_DOMAIN : host.substring(dot + 1);
        }
    }

    /**
     * postconf 3.7 expands every built-in parameter that main.cf sets before it answers anything: an
     * expansion error in any of them is fatal, whatever was asked. Parameters left at their default and
     * user-defined parameters are not checked until something expands them.
     */
    private void validateBuiltins() {
        for (MainCf.Entry e : mainCf.entries().values().stream()
                .sorted(java.util.Comparator.comparingInt(MainCf.Entry::line)).toList()) {
            if (isBuiltin(e.name()) && !RAW.contains(e.name()) && !READ_ONLY.contains(e.name())
                    && checkExpansion(e.name())) {
                return;
            }
        }
        MacroExpander.Result level = expandParameter("compatibility_level");
        if (CompatibilityLevel.parse(level.value()) == null) {
            String message = "malformed compatibility level syntax: \"" + level.value() + "\"";
            fatalMessages.add(message);
            problems.add(org.maildrift.mta.model.ConfigProblem.error(mainCf.file(),
                    mainCf.entry("compatibility_level").map(MainCf.Entry::line).orElse(0), message));
        }
    }

    private boolean checkExpansion(String name) {
        String value = lookup(name);
        if (value == null || value.indexOf('$') < 0) {
            return false;
        }
        MacroExpander.Result r = MacroExpander.expand(value, this::lookup);
        if (r.error()) {
            fatalMessages.addAll(r.messages());
            fatalMessages.add("macro processing error (while expanding " + name + ")");
            int line = mainCf.entry(name).map(MainCf.Entry::line).orElse(0);
            problems.add(org.maildrift.mta.model.ConfigProblem.error(mainCf.file(), line,
                    name + ": " + String.join("; ", r.messages()) + " (Postfix stops with \"macro processing error\")"));
            return true;
        }
        return false;
    }

    /** Whether postconf prints the parameter unexpanded even with -x. */
    public boolean isRaw(String name) {
        return RAW.contains(name);
    }

    /** Built-in parameters (not user-defined ones) are validated by postconf at start-up. */
    public boolean isBuiltin(String name) {
        return builtins.containsKey(name) || COMPUTED.contains(name);
    }

    /** postconf_user.c: a main.cf name is a valid user parameter when some value refers to it. */
    private void registerUserParameters() {
        Set<String> referenced = new HashSet<>();
        for (Map.Entry<String, Set<String>> d : DefaultReferences.BY_PARAMETER.entrySet()) {
            if (!isSetInMainCf(d.getKey())) {
                referenced.addAll(d.getValue());
            }
        }
        for (MainCf.Entry e : mainCf.entries().values()) {
            if (!READ_ONLY.contains(e.name()) && !RAW.contains(e.name())) {
                referenced.addAll(MacroExpander.referencedNames(e.value()));
            }
        }
        String classes = mainCfEval("smtpd_restriction_classes");
        if (classes != null) {
            for (String c : classes.split("[, \t\r\n]+")) {
                if (!c.isEmpty()) {
                    referenced.add(c);
                }
            }
        }
        for (String name : referenced) {
            if (isSetInMainCf(name) && !builtins.containsKey(name)) {
                userParameters.add(name);
            }
        }
        // legacy ldap:NAME (mysql:, pgsql:, sqlite:, memcache:) references in built-in values, expanded; only
        // worth the expansions when main.cf has a parameter such a reference could make valid
        boolean candidates = mainCf.entries().keySet().stream().anyMatch(n -> !builtins.containsKey(n)
                && !userParameters.contains(n) && LegacyTableParameters.couldBeSetting(n));
        for (String builtin : candidates ? builtins.keySet() : Set.<String>of()) {
            String v = lookup(builtin);
            if (v == null || v.indexOf(':') < 0 && v.indexOf('$') < 0 || RAW.contains(builtin)) {
                continue;
            }
            MacroExpander.Result r = MacroExpander.expand(v, this::lookup);
            if (r.error()) {
                continue;
            }
            for (String name : LegacyTableParameters.namesIn(r.value())) {
                if (isSetInMainCf(name) && !builtins.containsKey(name)) {
                    userParameters.add(name);
                }
            }
        }
        for (MainCf.Entry e : mainCf.entries().values()) {
            if (!isKnown(e.name()) && !READ_ONLY.contains(e.name())) {
                problems.add(ConfigProblem.warning(mainCf.file(), e.line(),
                        "unused parameter: " + e.name() + "=" + e.value()));
            }
        }
    }

    /**
     * The names each built-in default refers to ({@code $name}, {@code ${name?…}}), parsed once per JVM rather
     * than once per host read: the defaults are the same for every main.cf. RAW parameters are left out, as
     * their values are never expanded.
     */
    private static final class DefaultReferences {
        static final Map<String, Set<String>> BY_PARAMETER;

        static {
            Map<String, Set<String>> m = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, String> d : PostfixDefaults.all().entrySet()) {
                if (!RAW.contains(d.getKey())) {
                    Set<String> names = MacroExpander.referencedNames(d.getValue());
                    if (!names.isEmpty()) {
                        m.put(d.getKey(), Set.copyOf(names));
                    }
                }
            }
            BY_PARAMETER = java.util.Collections.unmodifiableMap(m);
        }

        private DefaultReferences() {
        }
    }
}
