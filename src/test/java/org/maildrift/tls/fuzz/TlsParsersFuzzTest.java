package org.maildrift.tls.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.maildrift.tls.MtaSts;
import org.maildrift.tls.PemCertificates;
import org.maildrift.tls.PushedChains;
import org.maildrift.tls.Tlsa;

/**
 * Coverage-guided fuzz tests of the TLS parsers: certificate files, agents' tls-chain pushes, MTA-STS
 * policies and TXT records, TLSA data. Under {@code ./mvnw verify} they run over the seeds in
 * {@code TlsParsersFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1} fuzzes for real. Whatever the bytes, a
 * parser returns a result or a problem, never throws, and a problem never quotes a certificate's content.
 */
class TlsParsersFuzzTest {

    private static String text(byte[] input) {
        return new String(input, StandardCharsets.ISO_8859_1);
    }

    @FuzzTest(maxDuration = "30s")
    void certificateFilesAndPushesAcceptAnyBytes(byte[] input) {
        String t = text(input);
        PemCertificates.Read r = PemCertificates.parse("/etc/ssl/fuzz.pem", t);
        assertThat(r.problem() == null).isEqualTo(!r.certificates().isEmpty());
        if (r.problem() != null) {
            assertThat(r.problem()).startsWith("/etc/ssl/fuzz.pem");
        }
        PushedChains.parse(t).forEach((path, pem) -> {
            assertThat(path).startsWith("/");
            assertThat(PemCertificates.parse(path, pem)).isNotNull();
        });
    }

    @FuzzTest(maxDuration = "30s")
    void mtaStsPoliciesRecordsAndTlsaAcceptAnyBytes(byte[] input) {
        String t = text(input);
        MtaSts.Policy p = MtaSts.policy(t);
        assertThat(p.valid()).isEqualTo(p.problem() == null);
        if (p.valid()) {
            assertThat(p.mode()).isNotNull();
            p.mx().forEach(m -> assertThat(MtaSts.matches(m, m.replace("*", "x"))).isTrue());
        }
        assertThat(MtaSts.record(List.of(t.split("\n", -1)))).isNotNull();
        Tlsa.parse(t).ifPresent(x -> assertThat(x.matches(List.of())).isFalse());
    }
}
