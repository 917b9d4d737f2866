package org.maildrift.rules.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.rules.Finding;
import org.maildrift.rules.RuleTesting;

class ConfigReferencesResolveTest {

    private static final String RULE = "config-reference-unresolved";

    @TempDir
    Path tmp;

    @Test
    void reportsLdapTableInMydestination() throws Exception {
        List<Finding> found = RuleTesting.findings(RULE, "drifting", tmp);
        assertThat(found).hasSize(1);
        Finding f = found.get(0);
        assertThat(f.host()).isEqualTo("mx1");
        assertThat(f.subject()).isEqualTo("ldap:/etc/postfix/ldap-domains.cf");
        assertThat(f.location().line()).isEqualTo(3);
    }

    @Test
    void tellsHowToReachADatabaseTableAndHowToCopyAFile() {
        assertThat(ConfigReferencesResolve.fix("proxy:mysql:/etc/postfix/sql/domains.cf"))
                .contains("hosts[].tables").contains("postmap -q");
        assertThat(ConfigReferencesResolve.fix("sqlite:/etc/postfix/d.cf")).contains("its database file");
        assertThat(ConfigReferencesResolve.fix("/etc/postfix/local-domains")).startsWith("give maildrift the source of");
        assertThat(ConfigReferencesResolve.fix("domainlist local_domains", org.maildrift.mail.Mta.EXIM))
                .contains("exim -be match_domain").doesNotContain("postconf");
    }

    @Test
    void staysSilentForPlainList() throws Exception {
        assertThat(RuleTesting.findings(RULE, "clean", tmp)).isEmpty();
    }
}
