package org.maildrift.rules.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.rules.Finding;
import org.maildrift.rules.RuleTesting;
import org.maildrift.rules.Severity;

class MtaStsCertificateCoversMxTest {

    private static final String RULE = "mta-sts-certificate-name-mismatch";

    @TempDir
    Path tmp;

    @Test
    void reportsACertificateNamingTheOldHost() throws Exception {
        List<Finding> found = RuleTesting.findings(RULE, "drifting", tmp);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).host()).isEqualTo("mx1");
        assertThat(found.get(0).message()).contains("names server01.example.com, not the MX mx1.example.com");
    }

    @Test
    void staysSilentWhenTheCertificateNamesTheMx() throws Exception {
        assertThat(RuleTesting.findings(RULE, "clean", tmp)).isEmpty();
    }
}
