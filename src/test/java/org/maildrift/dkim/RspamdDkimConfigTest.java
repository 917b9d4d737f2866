package org.maildrift.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.mta.FilesRoot;
import org.maildrift.rules.Finding;
import org.maildrift.rules.RuleTesting;
import org.maildrift.rules.Scenario;

/** Which keys rspamd's dkim_signing module signs with, as lua_dkim_tools picks them, read under files-root. */
class RspamdDkimConfigTest {

    @TempDir
    Path root;

    /** The public half of the key the dkim-key-mismatch scenario rotated to. */
    private static String pem() throws Exception {
        String s = Scenario.load("dkim-key-mismatch", "drifting").text();
        return s.substring(s.indexOf("-----BEGIN PUBLIC KEY-----"), s.indexOf("-----END PUBLIC KEY-----") + 24) + "\n";
    }

    private FilesRoot files(Map<String, String> content) throws Exception {
        for (Map.Entry<String, String> e : content.entrySet()) {
            Path p = root.resolve(e.getKey().substring(1));
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue());
        }
        return FilesRoot.at(root);
    }

    @Test
    void readsTheDomainsSelectorsWithTheirLines() throws Exception {
        FilesRoot f = files(Map.of("/etc/rspamd/local.d/dkim_signing.conf", """
                # signing keys per domain
                domain {
                  example.com {
                    selectors [
                      { path = "${DBDIR}/dkim/example.com.sel2026.key"; selector = "sel2026"; },
                      { path = "/var/lib/rspamd/dkim/example.com.old.key"; selector = "old"; }
                    ]
                  }
                }
                """, "/var/lib/rspamd/dkim/example.com.sel2026.key", pem()));
        DkimSigning s = RspamdDkimConfig.read("/etc/rspamd", List.of(), f);
        assertThat(s.signer()).isEqualTo("rspamd");
        assertThat(s.keys()).extracting(ConfiguredKey::recordName)
                .containsExactly("sel2026._domainkey.example.com", "old._domainkey.example.com");
        ConfiguredKey k = s.keys().get(0);
        assertThat(k.keyPath()).isEqualTo("/var/lib/rspamd/dkim/example.com.sel2026.key");
        assertThat(k.key()).isNotNull();
        assertThat(k.describe()).isEqualTo("dkim_signing domain example.com selectors /etc/rspamd/local.d/dkim_signing.conf"
                + " line 5");
        // the second key's file is not in the copy: a key configured but unknown, never "absent"
        assertThat(s.keys().get(1).problem()).contains("file not found under files-root");
    }

    @Test
    void theFallbackCountsOnlyWhereItsKeyFileIsThere() throws Exception {
        FilesRoot f = files(Map.of("/etc/rspamd/local.d/dkim_signing.conf", "selector = \"sel2026\";\n",
                "/var/lib/rspamd/dkim/example.com.sel2026.key", pem()));
        // lists.example.com signs as example.com (use_esld); example.net has no key file: rspamd cannot sign it
        DkimSigning s = RspamdDkimConfig.read("/etc/rspamd", List.of("lists.example.com", "example.net"), f);
        assertThat(s.keys()).singleElement().satisfies(k -> {
            assertThat(k.recordName()).isEqualTo("sel2026._domainkey.example.com");
            assertThat(k.setting()).isEqualTo("dkim_signing path");
            assertThat(k.file()).isEqualTo("(rspamd default)");
        });
        assertThat(s.unresolved()).isEmpty();
    }

    @Test
    void mapsAndOverridesAreMergedAsRspamdMergesThem() throws Exception {
        FilesRoot f = files(Map.of(
                "/etc/rspamd/local.d/dkim_signing.conf", "selector_map = \"$LOCAL_CONFDIR/dkim_selectors.map\";\n"
                        + "path = \"/etc/dkim/$domain.key\";\ntry_fallback = false;\n",
                "/etc/rspamd/override.d/dkim_signing.conf", "path = \"/etc/dkim/$domain.$selector.pem\";\n",
                "/etc/rspamd/dkim_selectors.map", "# domain selector\nexample.com sel2026\nexample.org s1\n",
                "/etc/dkim/example.com.sel2026.pem", pem()));
        DkimSigning s = RspamdDkimConfig.read("/etc/rspamd", List.of("example.net"), f);
        // example.net is not in the map and try_fallback is off: not signed at all
        assertThat(s.keys()).extracting(ConfiguredKey::recordName, ConfiguredKey::keyPath).containsExactly(
                org.assertj.core.groups.Tuple.tuple("sel2026._domainkey.example.com", "/etc/dkim/example.com.sel2026.pem"),
                org.assertj.core.groups.Tuple.tuple("s1._domainkey.example.org", "/etc/dkim/example.org.s1.pem"));
        assertThat(s.keys().get(0).key()).isNotNull();
        assertThat(s.keys().get(0).setting()).isEqualTo("dkim_signing selector_map");
    }

    @Test
    void saysWhatItCannotReadWithoutQuotingTheFile() throws Exception {
        FilesRoot broken = files(Map.of("/etc/rspamd/local.d/dkim_signing.conf",
                "selector = \"secret-token\nuse_redis = true;\n"));
        DkimSigning s = RspamdDkimConfig.read("/etc/rspamd", List.of("example.com"), broken);
        assertThat(s.unresolved()).singleElement().asString()
                .startsWith("/etc/rspamd/local.d/dkim_signing.conf:1: the string is not closed")
                .doesNotContain("secret-token");
        Files.writeString(root.resolve("etc/rspamd/local.d/dkim_signing.conf"), "use_redis = true;\n"
                + "domain { lists.example.com { selector = a; path = /k } Example.ORG { selector = b; path = /k } }\n");
        DkimSigning redis = RspamdDkimConfig.read("/etc/rspamd", List.of(), FilesRoot.at(root));
        assertThat(redis.unresolved()).anyMatch(u -> u.contains("use_redis: the keys and selectors are in Redis"))
                .anyMatch(u -> u.contains("lists.example.com is never used: with use_esld rspamd signs with example.com"))
                .anyMatch(u -> u.contains("a domain with capitals is never matched"));
        Files.writeString(root.resolve("etc/rspamd/local.d/dkim_signing.conf"), "enabled = false;\n"
                + "domain { example.com { selector = a; path = /k } }\n");
        assertThat(RspamdDkimConfig.read("/etc/rspamd", List.of(), FilesRoot.at(root)).keys()).isEmpty();
    }

    /** The scenario's rotated key, signed by rspamd instead of OpenDKIM: the same finding, naming rspamd's file. */
    @Test
    void aKeyRotatedInRspamdButNotInDnsIsReported(@TempDir Path tmp) throws Exception {
        String text = Scenario.load("dkim-key-mismatch", "drifting").text()
                .replace("    opendkim: /etc/opendkim.conf\n", "    rspamd: /etc/rspamd\n")
                .replace("--- lists/root/etc/opendkim/keys/sel2026.private\n",
                        "--- lists/root/etc/rspamd/local.d/dkim_signing.conf\nselector = \"sel2026\";\n"
                                + "--- lists/root/var/lib/rspamd/dkim/example.com.sel2026.key\n");
        List<Finding> found = RuleTesting.findingsIn("dkim-key-mismatch", text, tmp);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo("sel2026._domainkey.example.com");
            assertThat(f.message()).contains("/var/lib/rspamd/dkim/example.com.sel2026.key");
            assertThat(f.evidence()).anyMatch(e -> e.contains("(dkim_signing path (rspamd default))"));
        });
    }
}
