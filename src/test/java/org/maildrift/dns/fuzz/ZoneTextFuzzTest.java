package org.maildrift.dns.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.maildrift.dns.zonefile.ZoneFileException;
import org.maildrift.dns.zonefile.ZoneFileReader;

/**
 * Zone text from a request reaches the zone parser as it is: whatever the bytes, it returns a zone or
 * throws {@link ZoneFileException} with a short message, follows no {@code $INCLUDE} and never hangs.
 * Regression mode in CI over the seeds in ZoneTextFuzzTestInputs/; {@code JAZZER_FUZZ=1} to fuzz.
 */
class ZoneTextFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void zoneTextIsReadOrRefusedWithAShortMessage(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        try {
            ZoneFileReader.readText("zone example.com", text, "example.com");
        } catch (ZoneFileException e) {
            assertThat(e.getMessage()).hasSizeLessThan(400).doesNotContain("root:x:0");
        }
    }
}
