package org.maildrift.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Hostile or broken PEM gives an error naming the file and line, never the file's content, and no crash. */
class PemCertificatesTest {

    @Test
    void aBlockThatIsNotACertificateIsNamedByLineWithoutItsContent() {
        PemCertificates.Read r = PemCertificates.parse("/etc/ssl/mx.pem",
                "junk\n-----BEGIN CERTIFICATE-----\nU0VDUkVUU0VDUkVU\n-----END CERTIFICATE-----\n");
        assertThat(r.certificates()).isEmpty();
        assertThat(r.problem()).isEqualTo("/etc/ssl/mx.pem line 2: the CERTIFICATE block is not a valid X.509 certificate")
                .doesNotContain("U0VD");
    }

    @Test
    void anUnclosedBlockAndAFileWithoutCertificatesAreProblems() {
        assertThat(PemCertificates.parse("f", "-----BEGIN CERTIFICATE-----\nAAAA\n").problem())
                .isEqualTo("f line 1: a PEM block is not closed");
        assertThat(PemCertificates.parse("f", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n").problem())
                .isEqualTo("f: holds no CERTIFICATE block");
        assertThat(PemCertificates.parse("f", "-----BEGIN CERTIFICATE-----\nAAAA\n-----BEGIN CERTIFICATE-----\n")
                .problem()).startsWith("f line 3:");
    }

    @Test
    void tlsaRecordsThatSmtpCannotUseSayWhy() {
        assertThat(Tlsa.parse("3 1 1 " + "ab".repeat(31)).orElseThrow().unusable()).hasValueSatisfying(
                w -> assertThat(w).contains("needs 32 bytes"));
        assertThat(Tlsa.parse("0 0 1 " + "ab".repeat(32)).orElseThrow().unusable()).isPresent();
        assertThat(Tlsa.parse("3 1 7 abcd").orElseThrow().unusable()).hasValueSatisfying(
                w -> assertThat(w).contains("matching type 7"));
        assertThat(Tlsa.parse("3 1 1 xyz")).isEmpty();
        assertThat(Tlsa.parse("3 1")).isEmpty();
    }
}
