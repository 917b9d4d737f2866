package org.maildrift.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.mta.FilesRoot;
import org.maildrift.testsupport.Openssl;

/**
 * DKIM keys as openssl writes them (PKCS#8 and PKCS#1 private keys, the public half, the bare PKCS#1 public
 * key some publish), records as DNS holds them, and OpenDKIM's configuration under a files-root.
 */
class DkimKeysTest {

    @TempDir
    Path dir;

    private String openssl(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Openssl.openssl().toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as(out).isTrue();
        return out;
    }

    @Test
    void everyEncodingOfOneKeyIsTheSameKeyAndItsRecordMatches() throws Exception {
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "k8.pem");
        openssl("pkey", "-in", "k8.pem", "-traditional", "-out", "k1.pem");
        openssl("pkey", "-in", "k8.pem", "-pubout", "-out", "pub.pem");
        openssl("rsa", "-in", "k8.pem", "-RSAPublicKey_out", "-outform", "DER", "-out", "pkcs1.der");
        DkimKey k8 = DkimKeys.parse("k8.pem", Files.readString(dir.resolve("k8.pem"))).key();
        DkimKey k1 = DkimKeys.parse("k1.pem", Files.readString(dir.resolve("k1.pem"))).key();
        DkimKey pub = DkimKeys.parse("pub.pem", Files.readString(dir.resolve("pub.pem"))).key();
        assertThat(Files.readString(dir.resolve("k1.pem"))).contains("BEGIN RSA PRIVATE KEY");
        assertThat(k8.bits()).isEqualTo(2048);
        assertThat(k8.sameAs(k1)).isTrue();
        assertThat(k8.sameAs(pub)).isTrue();
        assertThat(k8.spkiBase64()).isEqualTo(pub.spkiBase64());
        DkimRecord spki = DkimRecord.parse("v=DKIM1; k=rsa; p=" + pub.spkiBase64());
        DkimRecord pkcs1 = DkimRecord.parse("v=DKIM1; p=" + java.util.Base64.getEncoder()
                .encodeToString(Files.readAllBytes(dir.resolve("pkcs1.der"))));
        assertThat(spki.problems()).isEmpty();
        assertThat(spki.key().sameAs(k8)).isTrue();
        assertThat(pkcs1.key().sameAs(k8)).as("a bare PKCS#1 p= is the same key").isTrue();
    }

    @Test
    void anEd25519RecordHoldsTheBare32ByteKeyOfRfc8463() throws Exception {
        openssl("genpkey", "-algorithm", "ED25519", "-out", "ed.pem");
        openssl("pkey", "-in", "ed.pem", "-pubout", "-outform", "DER", "-out", "ed.der");
        byte[] spki = Files.readAllBytes(dir.resolve("ed.der"));
        byte[] raw = java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        DkimRecord r = DkimRecord.parse("v=DKIM1; k=ed25519; p=" + java.util.Base64.getEncoder().encodeToString(raw));
        assertThat(r.problems()).isEmpty();
        assertThat(r.key().algorithm()).isEqualTo("ed25519");
        assertThat(r.key().spkiBase64()).isEqualTo(java.util.Base64.getEncoder().encodeToString(spki));
        assertThat(DkimRecord.parse("v=DKIM1; k=ed25519; p=AAAA").problems()).anyMatch(p -> p.contains("ed25519"));
    }

    @Test
    void brokenKeysAndRecordsSayWhatIsWrongWithoutTheKey() {
        DkimKeys.Read r = DkimKeys.parse("/etc/opendkim/keys/a.private",
                "-----BEGIN PRIVATE KEY-----\nU0VDUkVU\n-----END PRIVATE KEY-----\n");
        assertThat(r.key()).isNull();
        assertThat(r.problem()).isEqualTo("/etc/opendkim/keys/a.private line 1: the PRIVATE KEY block is not an RSA "
                + "key maildrift can read").doesNotContain("U0VD");
        assertThat(DkimKeys.parse("f", "nothing here").problem()).contains("holds no PUBLIC KEY");
        assertThat(DkimRecord.parse("v=DKIM1; p=").revoked()).isTrue();
        assertThat(DkimRecord.parse("v=DKIM1; p=!!!").problems()).containsExactly("p= is not base64");
        assertThat(DkimRecord.parse("k=rsa; v=DKIM1; p=").problems()).contains("v= must be DKIM1 and come first");
        assertThat(DkimRecord.parse("v=DKIM1; k=dsa; p=").problems()).anyMatch(p -> p.contains("k=dsa"));
        assertThat(DkimRecord.parse("garbage").problems()).containsExactly("the record is not a tag=value list");
        assertThat(DkimRecord.looksLikeDkim("v=spf1 -all")).isFalse();
    }

    @Test
    void openDkimKeyTableIsLimitedToWhatTheSigningTableUsesAndOtherDatasetsAreNotRead() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root/etc/opendkim/keys"));
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "root/etc/opendkim/keys/a.private");
        Files.writeString(dir.resolve("root/etc/opendkim/key.table"),
                "a example.com:s1:/etc/opendkim/keys/a.private\nunused example.org:s9:/etc/opendkim/keys/none\n");
        Files.writeString(dir.resolve("root/etc/opendkim/signing.table"), "*@example.com a\n");
        Files.writeString(dir.resolve("root/etc/opendkim.conf"), "# signing\nKeyTable refile:/etc/opendkim/key.table\n"
                + "SigningTable refile:/etc/opendkim/signing.table\n");
        FilesRoot files = FilesRoot.at(dir.resolve("root"));
        DkimSigning s = OpenDkimConfig.read("/etc/opendkim.conf", files);
        assertThat(s.unresolved()).isEmpty();
        assertThat(s.keys()).extracting(ConfiguredKey::recordName).containsExactly("s1._domainkey.example.com");
        assertThat(s.keys().get(0).key().bits()).isEqualTo(2048);
        assertThat(s.keys().get(0).line()).isEqualTo(1);

        Files.writeString(dir.resolve("root/etc/opendkim.conf"), "Domain example.com, example.net\nSelector mail\n"
                + "KeyFile /etc/opendkim/keys/a.private\n");
        assertThat(OpenDkimConfig.read("/etc/opendkim.conf", files).keys()).extracting(ConfiguredKey::recordName)
                .containsExactly("mail._domainkey.example.com", "mail._domainkey.example.net");

        Files.writeString(dir.resolve("root/etc/opendkim.conf"), "KeyTable dsn:mysql://u@db/dkim/table=keys\n");
        assertThat(OpenDkimConfig.read("/etc/opendkim.conf", files).unresolved())
                .singleElement().asString().contains("only file datasets");
        Files.writeString(dir.resolve("root/etc/opendkim.conf"), "Mode v\nKeyTable refile:/etc/opendkim/key.table\n");
        assertThat(OpenDkimConfig.read("/etc/opendkim.conf", files).keys()).isEmpty();
    }
}
