package org.maildrift.mta.exim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.maildrift.files.TextFile;
import org.maildrift.mta.exim.EximConfigParser.Origin;

/**
 * Debian's configuration scheme, as {@code update-exim4.conf} (exim4-config 4.96) turns it into the file
 * Exim reads: the debconf answers in {@code update-exim4.conf.conf} ({@code dc_other_hostnames},
 * {@code dc_relay_domains}, {@code dc_local_interfaces}, …) become macros ({@code MAIN_LOCAL_DOMAINS =
 * @:localhost:…}, {@code MAIN_RELAY_TO_DOMAINS}, {@code MAIN_LOCAL_INTERFACES}), lower-cased, with ';'
 * lists given the {@code <;} separator, inserted after the {@code UPEX4CmacrosUPEX4C} line of either
 * {@code exim4.conf.localmacros} + {@code exim4.conf.template} or, with {@code dc_use_split_config='true'},
 * the files of {@code conf.d/main}, {@code acl}, {@code router}, {@code transport}, {@code retry},
 * {@code rewrite} and {@code auth} in run-parts order. Each line remembers the file and line it came from.
 */
public final class DebianExim {

    public static final String CONF_CONF = "update-exim4.conf.conf";
    private static final List<String> SECTIONS = List.of("main", "acl", "router", "transport", "retry", "rewrite", "auth");
    private static final List<String> SEMICOLON_LISTS = List.of("dc_local_interfaces", "dc_relay_nets", "dc_relay_domains");

    /** The generated main text with where each line came from; {@code failure} when it cannot be generated. */
    public record Generated(String text, List<Origin> origins, String failure) {
    }

    private DebianExim() {
    }

    /** Whether {@code config} is a Debian /etc/exim4 (or its update-exim4.conf.conf) without an exim4.conf. */
    public static boolean applies(Path config) {
        if (Files.isRegularFile(config)) {
            return config.getFileName() != null && config.getFileName().toString().equals(CONF_CONF);
        }
        return Files.isDirectory(config) && Files.isRegularFile(config.resolve(CONF_CONF))
                && !Files.isRegularFile(config.resolve("exim4.conf"));
    }

    /** The folder /etc/exim4 stands for, given the inventory's config. */
    public static Path directory(Path config) {
        return Files.isDirectory(config) ? config : config.toAbsolutePath().getParent();
    }

    /**
     * update-exim4.conf's output for the folder {@code etc} (standing for /etc/exim4), labelled with
     * {@code label} (its name in provenance); {@code mailname} is /etc/mailname's text or null.
     */
    public static Generated generate(Path etc, String label, String mailname) {
        return generate(etc, label, mailname, null);
    }

    /** As {@link #generate(Path, String, String)}, with update-exim4.conf.conf's text given (a proposed one). */
    public static Generated generate(Path etc, String label, String mailname, String answers) {
        String confConf = answers;
        if (confConf == null) {
            try {
                confConf = TextFile.read(etc.resolve(CONF_CONF), EximConfigParser.MAX_FILE_CHARS);
            } catch (IOException e) {
                return new Generated(null, List.of(), "cannot read " + label + "/" + CONF_CONF + ": " + TextFile.describe(e));
            }
        }
        Map<String, String> dc = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        List<String[]> upperLines = new ArrayList<>();
        String[] lines = confConf.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int eq = l.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = l.substring(0, eq);
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                continue;
            }
            String value = unquote(l.substring(eq + 1));
            dc.put(name, value);
            lineOf.put(name, i + 1);
            if (Character.isUpperCase(l.charAt(0)) && !name.equals("CFILEMODE")) {
                // file2macros takes the text after '=' as it stands, quotes included
                upperLines.add(new String[] {name, l.substring(eq + 1), String.valueOf(i + 1)});
            }
        }
        String ccLabel = label + "/" + CONF_CONF;
        boolean split = lower(dc.getOrDefault("dc_use_split_config", "false")).equals("true");
        String type = ascii(lower(dc.getOrDefault("dc_eximconfig_configtype", "")));

        List<String> out = new ArrayList<>();
        List<Origin> origins = new ArrayList<>();
        try {
            if (split) {
                for (String section : SECTIONS) {
                    Path d = etc.resolve("conf.d").resolve(section);
                    if (!Files.isDirectory(d)) {
                        continue;
                    }
                    for (String f : runParts(d)) {
                        append(out, origins, TextFile.read(d.resolve(f), EximConfigParser.MAX_FILE_CHARS),
                                label + "/conf.d/" + section + "/" + f);
                        out.add("");
                        origins.add(new Origin(label + "/conf.d/" + section + "/" + f, 0));
                    }
                }
            } else {
                if (Files.isRegularFile(etc.resolve("exim4.conf.localmacros"))) {
                    append(out, origins, TextFile.read(etc.resolve("exim4.conf.localmacros"), EximConfigParser.MAX_FILE_CHARS),
                            label + "/exim4.conf.localmacros");
                }
                if (!Files.isRegularFile(etc.resolve("exim4.conf.template"))) {
                    return new Generated(null, List.of(), "unsplit configuration selected and " + label
                            + "/exim4.conf.template missing (update-exim4.conf stops)");
                }
                append(out, origins, TextFile.read(etc.resolve("exim4.conf.template"), EximConfigParser.MAX_FILE_CHARS),
                        label + "/exim4.conf.template");
            }
        } catch (IOException e) {
            return new Generated(null, List.of(), "cannot read " + label + ": " + TextFile.describe(e));
        }
        if (!List.of("satellite", "smarthost", "local", "internet").contains(type)) {
            return new Generated(String.join("\n", out) + "\n", origins, null);
        }
        // the macros update-exim4.conf seeds, in its order
        List<String[]> macros = new ArrayList<>();
        for (String f : SEMICOLON_LISTS) {
            String v = dc.getOrDefault(f, "");
            if (v.contains(";") && !words(v).startsWith("<")) {
                dc.put(f, "<; " + v);
            }
        }
        String relayNets = ascii(lower(dc.getOrDefault("dc_relay_nets", "")));
        relayNets = relayNets.startsWith("<;") ? relayNets + " ; 127.0.0.1 ; ::1" : relayNets + " : 127.0.0.1 : ::::1";
        String other = ascii(lower(dc.getOrDefault("dc_other_hostnames", "")));
        String localDomains = ("@:localhost:" + other).replaceAll("[;: ]*$", "").replaceFirst("^ *", "").replace(';', ':');
        if (!dc.getOrDefault("dc_local_interfaces", "").isEmpty()) {
            macros.add(new String[] {"MAIN_LOCAL_INTERFACES", dc.get("dc_local_interfaces"), "dc_local_interfaces"});
        }
        macros.add(new String[] {"MAIN_PACKAGE_VERSION", "4.96-15+deb12u11", null});
        macros.add(new String[] {"MAIN_LOCAL_DOMAINS", localDomains, "dc_other_hostnames"});
        macros.add(new String[] {"MAIN_RELAY_TO_DOMAINS", dc.getOrDefault("dc_relay_domains", ""), "dc_relay_domains"});
        String mail = mailname == null ? "" : firstWord(mailname);
        macros.add(new String[] {"ETC_MAILNAME", mail, null});
        macros.add(new String[] {"LOCAL_DELIVERY", dc.getOrDefault("dc_localdelivery", "mail_spool").isEmpty() ? "mail_spool"
                : dc.getOrDefault("dc_localdelivery", "mail_spool"), "dc_localdelivery"});
        macros.add(new String[] {"MAIN_RELAY_NETS", relayNets, null});
        macros.add(new String[] {"DCreadhost", dc.getOrDefault("dc_readhost", ""), "dc_readhost"});
        macros.add(new String[] {"DCsmarthost", ascii(lower(dc.getOrDefault("dc_smarthost", ""))).replace(';', ':'),
                "dc_smarthost"});
        macros.add(new String[] {"DC_eximconfig_configtype", type, "dc_eximconfig_configtype"});
        macros.add(new String[] {"DCconfig_" + type, "1", "dc_eximconfig_configtype"});
        for (String[] u : upperLines) {
            macros.add(new String[] {u[0], u[1], "line " + u[2]});
        }
        List<String> block = new ArrayList<>();
        List<Origin> blockOrigins = new ArrayList<>();
        for (String[] m : macros) {
            int at = 0;
            if (m[2] != null) {
                at = m[2].startsWith("line ") ? Integer.parseInt(m[2].substring(5)) : lineOf.getOrDefault(m[2], 0);
            }
            Origin o = new Origin(ccLabel, at);
            block.add(".ifndef " + m[0]);
            block.add(m[0] + "=" + ascii(lower(m[1])));
            block.add(".endif");
            blockOrigins.add(o);
            blockOrigins.add(o);
            blockOrigins.add(o);
        }
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).startsWith("UPEX4CmacrosUPEX4C")) {
                out.addAll(i + 1, block);
                origins.addAll(i + 1, blockOrigins);
                break;
            }
        }
        return new Generated(String.join("\n", out) + "\n", origins, null);
    }

    private static void append(List<String> out, List<Origin> origins, String text, String label) {
        String[] lines = text.split("\n", -1);
        int n = lines.length;
        if (n > 0 && lines[n - 1].isEmpty()) {
            n--;
        }
        for (int i = 0; i < n; i++) {
            out.add(lines[i]);
            origins.add(new Origin(label, i + 1));
        }
    }

    /** run-parts as update-exim4.conf emulates it: C-sorted names of [A-Za-z0-9_-]+, a NAME.rul instead of NAME. */
    private static List<String> runParts(Path dir) throws IOException {
        List<String> names;
        try (Stream<Path> s = Files.list(dir)) {
            names = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        List<String> out = new ArrayList<>();
        for (String f : names) {
            if (f.matches("[A-Za-z0-9_-]+") && Files.isRegularFile(dir.resolve(f))) {
                out.add(Files.isRegularFile(dir.resolve(f + ".rul")) ? f + ".rul" : f);
            }
        }
        return out;
    }

    /** What sh makes of a sourced assignment's value: quotes removed. */
    private static String unquote(String v) {
        String s = v.strip();
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'') {
                int end = s.indexOf('\'', i + 1);
                b.append(end < 0 ? s.substring(i + 1) : s.substring(i + 1, end));
                i = end < 0 ? s.length() : end + 1;
            } else if (c == '"') {
                int end = s.indexOf('"', i + 1);
                b.append(end < 0 ? s.substring(i + 1) : s.substring(i + 1, end));
                i = end < 0 ? s.length() : end + 1;
            } else if (Character.isWhitespace(c) || c == '#') {
                break;
            } else {
                b.append(c);
                i++;
            }
        }
        return b.toString();
    }

    /** {@code echo $X}: words split at blanks and joined by single spaces. */
    private static String words(String s) {
        if (s == null || s.isBlank()) {
            return "";
        }
        return String.join(" ", s.strip().split("\\s+"));
    }

    private static String lower(String s) {
        return words(s).toLowerCase(Locale.ROOT);
    }

    /** check_ascii_pipe: characters outside the allowed set become '_'. */
    private static String ascii(String s) {
        return words(s).replaceAll("[^-0-9A-Za-z/.!*@_~:;< \\[\\]]", "_");
    }

    private static String firstWord(String mailname) {
        String first = mailname.split("\n", 2)[0];
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^([-A-Za-z0-9@.]+)").matcher(first);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : first.toLowerCase(Locale.ROOT);
    }
}
