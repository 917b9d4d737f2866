package org.maildrift;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The build writes configuration metadata, so that IDEs complete and explain every maildrift.* property. */
class ConfigurationMetadataTest {

    @Test
    void everyMaildriftPropertyIsDescribed() throws Exception {
        List<String> names = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("spring-boot-configuration-processor ran").isNotNull();
            for (JsonNode p : JsonMapper.builder().build().readTree(in).get("properties")) {
                names.add(p.get("name").asString());
            }
        }
        assertThat(names).contains("maildrift.checks.inventory", "maildrift.checks.interval",
                "maildrift.checks.confirmations", "maildrift.alerts.to", "maildrift.alerts.repeat-interval",
                "maildrift.agents.store", "maildrift.security.max-sessions");
    }
}
