package org.maildrift.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The JSON layout every report uses, and the escapes that keep hostile values on their line. */
class ReportJsonTest {

    @Test
    void writesTheDocumentedLayout() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "ml.example.com");
        m.put("empty", List.of());
        m.put("none", Map.of());
        m.put("nothing", null);
        m.put("list", List.of(1, true));
        assertThat(ReportJson.write(m)).isEqualTo("""
                {
                  "name": "ml.example.com",
                  "empty": [],
                  "none": {},
                  "nothing": null,
                  "list": [
                    1,
                    true
                  ]
                }
                """);
    }

    @Test
    void escapesControlCharactersAndLineSeparators() {
        assertThat(ReportJson.write(List.of("a\u0001b\u001bc\u2028d\u2029e\"f\\g\nh\ti\u00e9")))
                .isEqualTo("[\n  \"a\\u0001b\\u001bc\\u2028d\\u2029e\\\"f\\\\g\\nh\\ti\u00e9\"\n]\n");
    }
}
