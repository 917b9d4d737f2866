package org.maildrift.dkim.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.maildrift.dkim.DkimKeys;
import org.maildrift.dkim.DkimRecord;
import org.maildrift.dkim.Ucl;

/**
 * Coverage-guided fuzz tests of the DKIM parsers: key files, key records, and rspamd's UCL. Under {@code ./mvnw verify} they
 * run over the seeds in {@code DkimParsersFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class DkimParsersFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void keyFilesAndRecordsAcceptAnyBytes(byte[] input) {
        String t = new String(input, StandardCharsets.ISO_8859_1);
        DkimKeys.Read k = DkimKeys.parse("/etc/opendkim/keys/fuzz", t);
        assertThat(k.key() == null).isEqualTo(k.problem() != null);
        DkimRecord r = DkimRecord.parse(t);
        assertThat(r.revoked() && r.key() != null).isFalse();
        if (DkimRecord.looksLikeDkim(t)) {
            // a DKIM record either reads as tags or says what is wrong with it
            assertThat(r.tags().isEmpty() && r.problems().isEmpty()).isFalse();
        }
    }

    /** Any text either reads as a tree or is refused with its file and line, never anything else. */
    @FuzzTest(maxDuration = "30s")
    void uclReadsOrRefusesWithItsLine(byte[] input) {
        String t = new String(input, StandardCharsets.ISO_8859_1);
        try {
            Ucl.Parsed p = Ucl.parse("/etc/rspamd/local.d/dkim_signing.conf", t, input.length % 2 == 0
                    ? Ucl.Duplicates.MERGE : Ucl.Duplicates.APPEND, java.util.Map.of("DBDIR", "/var/lib/rspamd"));
            assertThat(p.tree()).isNotNull();
        } catch (Ucl.UclException e) {
            assertThat(e.getMessage()).matches("(?s)/etc/rspamd/local\\.d/dkim_signing\\.conf:\\d+: [^\\n]*");
        }
    }
}
