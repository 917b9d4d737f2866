package org.maildrift.mta.postfix;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Built-in parameter defaults of Postfix 3.7, as {@code postconf -d} prints them (raw, with their
 * {@code $name} references). Captured by scripts/capture-postfix-defaults.sh; host-dependent
 * defaults are computed by {@link PostfixParameters}.
 */
public final class PostfixDefaults {

    private static final Map<String, String> DEFAULTS = load();

    private PostfixDefaults() {
    }

    public static Map<String, String> all() {
        return DEFAULTS;
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
