package org.maildrift.mta.postfix.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.maildrift.testsupport.BindServer;
import org.maildrift.testsupport.Peers;
import org.maildrift.testsupport.SlapdServer;

/**
 * ldap_table(5) definitions against the real {@code postmap -q} (Debian postfix-ldap) on an OpenLDAP
 * slapd the test starts on a free loopback port: the same answers for every definition and key
 * (filters with %s/%d, several attributes, scope, result_format, expansion_limit and size_limit, the
 * domain filter, filter characters in the key, a missing search base, a refused bind and an unreachable
 * server, the last three lookup errors).
 */
class LdapTableDifferentialTest {

    static final String LDIF = """
            dn: dc=example,dc=test
            objectClass: dcObject
            objectClass: organization
            o: test
            dc: example

            dn: ou=domains,dc=example,dc=test
            objectClass: organizationalUnit
            ou: domains

            dn: dc=active,ou=domains,dc=example,dc=test
            objectClass: domain
            objectClass: domainRelatedObject
            dc: active
            associatedDomain: active.hosting.test
            description: active

            dn: dc=inactive,ou=domains,dc=example,dc=test
            objectClass: domain
            objectClass: domainRelatedObject
            dc: inactive
            associatedDomain: inactive.hosting.test
            description: disabled

            dn: dc=twice,ou=domains,dc=example,dc=test
            objectClass: domain
            objectClass: domainRelatedObject
            dc: twice
            associatedDomain: twice.hosting.test
            associatedDomain: twice-alias.hosting.test
            description: active
            """;

    static final List<String> DEFINITIONS = List.of(
            "query_filter = (&(associatedDomain=%s)(description=active))\nresult_attribute = associatedDomain",
            "query_filter = (associatedDomain=%s)\nresult_attribute = description",
            "query_filter = (associatedDomain=%s)\nresult_attribute = associatedDomain, description\nversion = 3",
            "query_filter = (associatedDomain=%d)\nresult_attribute = associatedDomain",
            "query_filter = (associatedDomain=%s)\nresult_attribute = description\nresult_format = <%s>",
            "query_filter = (associatedDomain=%s)\nresult_attribute = associatedDomain\nexpansion_limit = 1",
            "query_filter = (associatedDomain=%s)\nresult_attribute = associatedDomain\ndomain = hosting.test",
            "query_filter = (associatedDomain=%s)\nresult_attribute = associatedDomain\nscope = one",
            "query_filter = (objectClass=domain)\nresult_attribute = dc\nsize_limit = 1",
            "query_filter = (associatedDomain=%s)\nresult_attribute = dc\nsearch_base = dc=nosuch,dc=test");

    static final List<String> KEYS = List.of("active.hosting.test", "inactive.hosting.test", "twice.hosting.test",
            "nosuch.test", "user@active.hosting.test", "a*", "x)(description=active");

    @Test
    void answersLikePostmap() throws Exception {
        Path postmap = Peers.postmap("ldap");
        try (SlapdServer ldap = SlapdServer.start(LDIF)) {
            Path dir = Files.createDirectories(Path.of("target", "differential", "ldap-tables").toAbsolutePath());
            String server = "server_host = ldap://127.0.0.1:" + ldap.port() + "\n";
            List<String> definitions = new ArrayList<>();
            for (String d : DEFINITIONS) {
                definitions.add(server + (d.contains("search_base") ? "" : "search_base = ou=domains,dc=example,dc=test\n")
                        + d);
            }
            definitions.add(server + "search_base = ou=domains,dc=example,dc=test\nbind_dn = " + SlapdServer.ROOT_DN
                    + "\nbind_pw = wrong\nquery_filter = (associatedDomain=%s)\nresult_attribute = dc\nversion = 3");
            definitions.add("server_host = 127.0.0.1:" + BindServer.freePort() + "\nsearch_base = dc=example,dc=test\n"
                    + "query_filter = (associatedDomain=%s)\nresult_attribute = dc");
            definitions.add(server + "search_base = ou=domains,dc=example,dc=test\nbind_dn = " + SlapdServer.ROOT_DN
                    + "\nbind_pw = " + SlapdServer.ROOT_PASSWORD + "\nquery_filter = (associatedDomain=%s)\n"
                    + "result_attribute = dc\nversion = 3");
            PostmapHarness.Comparison c;
            try (TableConnections tables = new TableConnections(PostmapHarness.asWritten(dir, definitions.size()))) {
                c = PostmapHarness.compare(postmap, "ldap", dir, definitions, KEYS, tables, ours ->
                        assertThat(String.valueOf(ours.detail())).doesNotContain(SlapdServer.ROOT_PASSWORD));
            }
            assertThat(c.found()).isPositive();
            assertThat(c.failed()).isGreaterThanOrEqualTo(3 * KEYS.size());
            assertThat(c.disagreements()).isEmpty();
        }
    }
}
