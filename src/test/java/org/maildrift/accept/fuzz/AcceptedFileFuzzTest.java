package org.maildrift.accept.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.maildrift.accept.AcceptedDeviations;
import org.maildrift.accept.AcceptedLoader;
import org.maildrift.rules.CheckReport;
import org.maildrift.rules.Finding;
import org.maildrift.rules.Severity;

/**
 * maildrift-accepted.yml as hostile input: any bytes either read as deviations that apply to a report or are
 * refused with the file and line. Under {@code ./mvnw verify} it runs over its seeds; {@code JAZZER_FUZZ=1}
 * fuzzes for real.
 */
class AcceptedFileFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void acceptedFilesReadOrAreRefusedWithTheirLine(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            AcceptedDeviations a = AcceptedLoader.parse("maildrift-accepted.yml", text,
                    Set.of("reverse-dns-mismatch", "spf-record-broken"), Set.of("lists"));
            CheckReport r = new CheckReport(List.of(new Finding("reverse-dns-mismatch", Severity.WARNING, "lists",
                    "20.2.0.192.in-addr.arpa", "m", List.of(), "f", null, List.of())), List.of());
            AcceptedDeviations.Applied applied = a.apply(r, LocalDate.of(2026, 12, 3));
            assertThat(applied.report().findings().size() + applied.suppressed().size()).isGreaterThanOrEqualTo(1);
        } catch (AcceptedLoader.AcceptedException e) {
            assertThat(e.getMessage()).startsWith("maildrift-accepted.yml");
        }
    }
}
