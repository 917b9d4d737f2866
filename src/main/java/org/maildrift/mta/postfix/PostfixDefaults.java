package org.maildrift.mta.postfix;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Built-in parameter defaults of Postfix 3.7, as {@code postconf -d} prints them (raw, with their
 * {@code $name} references). Captured by scripts/capture-postfix-defaults.sh; host-dependent
 * defaults are computed by {@link PostfixParameters}.
 */
public final class PostfixDefaults {

    private static final Set<String> RAW = new HashSet<>();
    private static final Set<String> READ_ONLY = new HashSet<>();
    private static final Map<String, String> DEFAULTS = load();

    private PostfixDefaults() {
    }

    public static Map<String, String> all() {
        return DEFAULTS;
    }

    /** Parameters postconf never expands ({@code forward_path}, {@code smtpd_expansion_filter}, …). */
    public static Set<String> raw() {
        return Collections.unmodifiableSet(RAW);
    }

    /** Parameters whose main.cf assignment is ignored with a warning ({@code process_id}, …). */
    public static Set<String> readOnly() {
        return Collections.unmodifiableSet(READ_ONLY);
    }

    private static Map<String, String> load() {
        Map<String, String> map = new LinkedHashMap<>();
        try (InputStream in = PostfixDefaults.class.getResourceAsStream("postfix-defaults.txt")) {
            if (in == null) {
                throw new IllegalStateException("postfix-defaults.txt missing from the class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("@raw ")) {
                    RAW.add(line.substring(5).strip());
                    continue;
                }
                if (line.startsWith("@readonly ")) {
                    READ_ONLY.add(line.substring(10).strip());
                    continue;
                }
                int eq = line.indexOf(" =");
                String name = line.substring(0, eq);
                String value = line.substring(eq + 2).strip();
                map.put(name, value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(map);
    }
}
