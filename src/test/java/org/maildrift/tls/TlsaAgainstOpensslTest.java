package org.maildrift.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.testsupport.Openssl;

/**
 * TLSA matching against certificates made by openssl, with the association data computed by openssl
 * (never by maildrift): DANE-EE on the key and on the certificate, SHA-256 and SHA-512, RSA and ECDSA, and
 * DANE-TA against the CA of an issued chain.
 */
class TlsaAgainstOpensslTest {

    @TempDir
    Path dir;

    private static List<Certificate> chain(Path... files) throws Exception {
        StringBuilder pem = new StringBuilder();
        for (Path f : files) {
            pem.append(Files.readString(f));
        }
        PemCertificates.Read r = PemCertificates.parse("chain.pem", pem.toString());
        assertThat(r.problem()).isNull();
        return r.certificates();
    }

    @Test
    void daneEeRecordsComputedByOpensslMatchRsaAndEcdsaKeys() throws Exception {
        for (String type : List.of("rsa", "ec")) {
            Path cert = Openssl.selfSigned(dir, "mx-" + type, type, "mx.example.com", "smtp.example.com");
            List<Certificate> c = chain(cert);
            assertThat(c.get(0).keyAlgorithm()).isEqualTo(type.equals("rsa") ? "RSA" : "ECDSA");
            assertThat(c.get(0).dnsNames()).containsExactly("mx.example.com", "smtp.example.com");
            String spki256 = Openssl.tlsaData(dir, cert, 1, 1);
            assertThat(Tlsa.endEntity(c.get(0)).dataHex()).isEqualTo(spki256);
            for (int selector : new int[] {0, 1}) {
                for (int matching : new int[] {1, 2}) {
                    String data = Openssl.tlsaData(dir, cert, selector, matching);
                    Tlsa t = Tlsa.parse("3 " + selector + " " + matching + " " + data).orElseThrow();
                    assertThat(t.unusable()).isEmpty();
                    assertThat(t.matches(c)).as("%s 3 %d %d", type, selector, matching).isTrue();
                }
            }
        }
    }

    @Test
    void aRecordOfAnotherKeyMatchesNothing() throws Exception {
        Path rsa = Openssl.selfSigned(dir, "a", "rsa", "mx.example.com");
        Path ec = Openssl.selfSigned(dir, "b", "ec", "mx.example.com");
        Tlsa ofRsa = Tlsa.parse("3 1 1 " + Openssl.tlsaData(dir, rsa, 1, 1)).orElseThrow();
        assertThat(ofRsa.matches(chain(ec))).isFalse();
        assertThat(ofRsa.matches(chain(rsa))).isTrue();
    }

    @Test
    void daneTaMatchesTheIssuingCaSentInTheChainAndNotTheLeaf() throws Exception {
        Path[] issued = Openssl.issued(dir, "hub", "hub.example.com");
        Path leaf = issued[0];
        Path ca = issued[1];
        Tlsa ta = Tlsa.parse("2 0 1 " + Openssl.tlsaData(dir, ca, 0, 1)).orElseThrow();
        assertThat(ta.matches(chain(leaf, ca))).isTrue();
        assertThat(ta.matches(chain(leaf))).as("the server must send the trust anchor").isFalse();
        Tlsa leafAsTa = Tlsa.parse("2 0 1 " + Openssl.tlsaData(dir, leaf, 0, 1)).orElseThrow();
        assertThat(leafAsTa.matches(chain(leaf, ca))).isFalse();
    }

    @Test
    void aChainFileWithItsPrivateKeyFirstYieldsOnlyTheCertificates() throws Exception {
        Path cert = Openssl.selfSigned(dir, "c", "ec", "mx.example.com");
        String combined = Files.readString(dir.resolve("c.key")) + Files.readString(cert);
        PemCertificates.Read r = PemCertificates.parse("/etc/postfix/chain.pem", combined);
        assertThat(r.problem()).isNull();
        assertThat(r.certificates()).hasSize(1);
        assertThat(r.certificates().get(0).spkiSha256()).isEqualTo(Openssl.tlsaData(dir, cert, 1, 1));
    }
}
