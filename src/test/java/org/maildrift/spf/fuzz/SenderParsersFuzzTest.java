package org.maildrift.spf.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.maildrift.dns.model.DnsAnswer;
import org.maildrift.dns.model.Outcome;
import org.maildrift.mta.aliases.AliasFiles;
import org.maildrift.mta.model.MailAliases;
import org.maildrift.spf.SpfEvaluator;
import org.maildrift.spf.SpfRecords;
import org.maildrift.spf.SpfResult;
import org.maildrift.spf.SpfVerdict;

/**
 * Coverage-guided fuzz tests of what the sender rules read from hostile sources: SPF records (evaluated over
 * DNS that answers every TXT question with the input) and aliases(5) files. Under {@code ./mvnw verify} they
 * run over the seeds in {@code SenderParsersFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class SenderParsersFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void spfRecordsEvaluateToAResultWhateverTheySay(byte[] input) {
        String record = new String(input, StandardCharsets.ISO_8859_1).replace("\\", "\\092").replace("\"", "\\034");
        SpfEvaluator spf = new SpfEvaluator(q -> new DnsAnswer(q.name(), q.type(),
                q.type() == org.maildrift.dns.model.RecordType.TXT ? Outcome.ANSWER : Outcome.NXDOMAIN, List.of(),
                q.type() == org.maildrift.dns.model.RecordType.TXT ? new TreeSet<>(List.of("v=spf1 " + record))
                        : new TreeSet<>(), null, null, "fuzz", "fuzz"));
        SpfVerdict v = spf.check("192.0.2.1", "user@example.com", "mail.example.com");
        // DNS never fails here: every outcome is a verdict, never a temperror
        assertThat(v.inconclusive()).isFalse();
        assertThat(v.result()).isNotEqualTo(SpfResult.TEMPERROR);
        SpfRecords.syntaxError("v=spf1 " + new String(input, StandardCharsets.ISO_8859_1));
    }

    @FuzzTest(maxDuration = "30s")
    void aliasFilesParseWhateverTheySay(byte[] input) {
        Map<String, MailAliases.Entry> e = AliasFiles.parse(new String(input, StandardCharsets.ISO_8859_1), "/etc/aliases");
        for (MailAliases.Entry x : e.values()) {
            assertThat(x.name()).isNotEmpty();
            assertThat(x.line()).isPositive();
            assertThat(x.targets()).allMatch(t -> !t.isBlank());
        }
    }
}
