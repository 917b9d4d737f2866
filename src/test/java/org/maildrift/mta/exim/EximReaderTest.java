package org.maildrift.mta.exim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.mta.FilesRoot;
import org.maildrift.mta.model.AddressClass;
import org.maildrift.mta.model.ConfigProblem;
import org.maildrift.mta.model.HostNames;
import org.maildrift.mta.model.Verdict;

/** The Exim reader on hand-written configurations: classes, provenance, and every kind of bad input. */
class EximReaderTest {

    static final EximReader.Host HOST = new EximReader.Host("mail.example.com", List.of("192.0.2.10"));
    /** An RCPT ACL that accepts the local domains, and the routers of Exim's default shape. */
    static final String ROUTERS = "acl_smtp_rcpt = check_rcpt\nbegin acl\ncheck_rcpt:\n  accept domains = +local_domains\n"
            + "  deny\n" + EximReaderTest.ROUTERS_ONLY;
    static final String ROUTERS_ONLY = "begin routers\nlocal:\n  driver = accept\n  domains = +local_domains\n"
            + "  transport = t\nremote:\n  driver = manualroute\n  route_list = * 192.0.2.1\n";

    @TempDir
    Path root;

    private HostNames read(String text) throws Exception {
        Path etc = Files.createDirectories(root.resolve("etc/exim4"));
        Files.writeString(etc.resolve("exim4.conf"), text);
        return EximReader.read(etc.resolve("exim4.conf"), HOST, FilesRoot.at(root));
    }

    private static ConfigProblem firstError(HostNames n) {
        assertThat(n.errors()).isNotEmpty();
        return n.errors().get(0);
    }

    @Test
    void primaryHostnameDefaultsToTheInventoryNameAndQualifyDomainIsNotLocal() throws Exception {
        HostNames n = read("qualify_domain = example.org\ndomainlist local_domains = @ : localhost\n" + ROUTERS);
        assertThat(n.ownName()).isEqualTo("mail.example.com");
        assertThat(n.accepts("MAIL.example.com").verdict()).isEqualTo(Verdict.YES);
        assertThat(n.accepts("example.org").verdict()).isEqualTo(Verdict.NO);
        assertThat(n.accepted()).extracting(a -> a.name()).containsExactly("mail.example.com", "localhost");
    }

    @Test
    void anIncludedListNamesItsOwnFileAndLine() throws Exception {
        Files.createDirectories(root.resolve("etc/exim4/conf.d"));
        Files.writeString(root.resolve("etc/exim4/conf.d/lists"), "# lists\n\ndomainlist local_domains = a.example\n");
        HostNames n = read(".include /etc/exim4/conf.d/lists\n" + ROUTERS);
        assertThat(n.accepted()).singleElement().satisfies(a -> {
            assertThat(a.source().file()).isEqualTo("/etc/exim4/conf.d/lists");
            assertThat(a.source().line()).isEqualTo(3);
        });
    }

    @Test
    void theRcptAclMakesRemoteDomainsRelayed() throws Exception {
        HostNames n = read("domainlist local_domains = a.example\ndomainlist relay_to_domains = r.example\n"
                + "acl_smtp_rcpt = check_rcpt\nbegin acl\ncheck_rcpt:\n  accept domains = +local_domains\n"
                + "  require domains = +relay_to_domains\n  accept\n" + ROUTERS_ONLY);
        assertThat(n.accepts("r.example").addressClass()).isEqualTo(AddressClass.RELAY);
        assertThat(n.accepts("a.example").addressClass()).isEqualTo(AddressClass.LOCAL);
        assertThat(n.accepts("x.example").verdict()).isEqualTo(Verdict.NO);
        assertThat(n.dialect().listSetting(AddressClass.RELAY)).isEqualTo("domainlist relay_to_domains");
        assertThat(n.warnings()).isEmpty();
    }

    @Test
    void withoutAnRcptAclOrLocalRouterItSaysItCannotTell() throws Exception {
        HostNames n = read("domainlist local_domains = a.example\nbegin routers\nremote:\n  driver = manualroute\n"
                + "  route_list = * 192.0.2.1\n");
        assertThat(n.warnings()).extracting(ConfigProblem::message)
                .anyMatch(m -> m.contains("acl_smtp_rcpt is not set"))
                .anyMatch(m -> m.contains("cannot tell which domains this host takes as its own"));
    }

    @Test
    void unbalancedIfdefIsRefusedAtTheLastLine() throws Exception {
        HostNames n = read("X = 1\n.ifdef X\nprimary_hostname = a.example\n");
        assertThat(firstError(n).message()).contains(".endif missing");
        assertThat(firstError(n).line()).isEqualTo(3);
        assertThat(n.accepts("a.example").verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void anIncludeLoopAndAMissingIncludeAreRefusedWithFileAndLine() throws Exception {
        Files.createDirectories(root.resolve("etc/exim4"));
        Files.writeString(root.resolve("etc/exim4/a"), ".include /etc/exim4/a\n");
        HostNames loop = read("# main\n.include /etc/exim4/a\n");
        assertThat(firstError(loop).message()).contains("include loop");
        assertThat(firstError(loop).file()).isEqualTo("/etc/exim4/a");
        HostNames missing = read("# main\n\n.include /etc/exim4/missing\n");
        assertThat(firstError(missing).message()).contains("failed to open included configuration file");
        assertThat(firstError(missing).line()).isEqualTo(3);
        HostNames optional = read(".include_if_exists /etc/exim4/missing\ndomainlist local_domains = a.example\n" + ROUTERS);
        assertThat(optional.errors()).isEmpty();
        assertThat(optional.accepts("a.example").verdict()).isEqualTo(Verdict.YES);
    }

    @Test
    void macroMistakesAndUnknownOptionsAreRefused() throws Exception {
        assertThat(firstError(read("A = 1\nA = 2\n")).message()).contains("already defined");
        assertThat(firstError(read("A == 2\n")).message()).contains("can't redefine an undefined macro");
        assertThat(firstError(read("AB = 1\nABC = 2\n")).message()).contains("is a substring");
        ConfigProblem unknown = firstError(read("\n\nno_such_option = 1\n"));
        assertThat(unknown.message()).contains("main option \"no_such_option\" unknown");
        assertThat(unknown.line()).isEqualTo(3);
        assertThat(firstError(read("begin nonsense\n")).message()).contains("unknown section name");
    }

    @Test
    void aMacroThatGrowsWithoutBoundIsStoppedNotFollowed() throws Exception {
        StringBuilder b = new StringBuilder("A0 = xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n");
        // macro names that are no substring of one another: BA, BB, … BZ, BAA …
        for (int i = 1; i < 30; i++) {
            b.append(name(i)).append(" = ").append(i == 1 ? "A0 A0" : name(i - 1) + " " + name(i - 1)).append('\n');
        }
        b.append("domainlist local_domains = ").append(name(29)).append('\n');
        HostNames n = read(b.toString());
        assertThat(firstError(n).message()).contains("longer than");
    }

    private static String name(int i) {
        return "M" + (char) ('A' + i % 26) + (char) ('A' + i / 26) + "X";
    }

    @Test
    void aLookupOutsideFilesRootOrAQueryIsUnresolvedNeverNo() throws Exception {
        HostNames n = read("domainlist local_domains = a.example : lsearch;/etc/exim4/absent : "
                + "${lookup mysql{SELECT 1}}\n" + ROUTERS);
        assertThat(n.accepts("b.example").verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(n.unresolved()).isNotEmpty();
        HostNames q = read("domainlist local_domains = a.example : mysql;SELECT 1\n" + ROUTERS);
        assertThat(q.accepts("a.example").verdict()).isEqualTo(Verdict.YES);
        assertThat(q.accepts("b.example").verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(q.accepts("b.example").reason()).contains("mysql lookup not evaluated");
        HostNames outside = EximReader.read(Path.of("exim4.conf"), "domainlist local_domains = lsearch;/../../etc/passwd\n"
                + ROUTERS, HOST, FilesRoot.at(root));
        assertThat(outside.accepts("root").verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(outside.accepts("root").reason()).contains("refused").doesNotContain("root:x:");
    }

    @Test
    void mxSpecialsAreDecidedByTheMxRecordsOfDnsEvidence() throws Exception {
        org.maildrift.mta.model.MxLookup dns = d -> switch (d) {
            case "primary.example" -> List.of(new org.maildrift.mta.model.MxLookup.Mx(10, "mail.example.com",
                    List.of("192.0.2.10")), new org.maildrift.mta.model.MxLookup.Mx(20, "other.example", List.of("198.51.100.1")));
            case "backup.example" -> List.of(new org.maildrift.mta.model.MxLookup.Mx(10, "other.example",
                    List.of("198.51.100.1")), new org.maildrift.mta.model.MxLookup.Mx(20, "mail.example.com", List.of("192.0.2.10")));
            case "failing.example" -> throw new IllegalStateException("lookup failed");
            default -> List.of(new org.maildrift.mta.model.MxLookup.Mx(10, "other.example", List.of("198.51.100.1")));
        };
        HostNames any = read("domainlist local_domains = @mx_any\n" + ROUTERS);
        assertThat(any.accepts("primary.example", dns).verdict()).isEqualTo(Verdict.YES);
        assertThat(any.accepts("backup.example", dns).verdict()).isEqualTo(Verdict.YES);
        assertThat(any.accepts("elsewhere.example", dns).verdict()).isEqualTo(Verdict.NO);
        assertThat(any.accepts("primary.example", dns).reason()).contains("MX points to this host in DNS");
        HostNames primary = read("domainlist local_domains = @mx_primary\n" + ROUTERS);
        assertThat(primary.accepts("primary.example", dns).verdict()).isEqualTo(Verdict.YES);
        assertThat(primary.accepts("backup.example", dns).verdict()).isEqualTo(Verdict.NO);
        HostNames secondary = read("domainlist local_domains = @mx_secondary\n" + ROUTERS);
        assertThat(secondary.accepts("primary.example", dns).verdict()).isEqualTo(Verdict.NO);
        assertThat(secondary.accepts("backup.example", dns).verdict()).isEqualTo(Verdict.YES);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> any.accepts("failing.example", dns))
                .as("a failed lookup is the caller's inconclusive, never no").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void mxSpecialsDependOnDnsAndAreUnknown() throws Exception {
        HostNames n = read("domainlist local_domains = a.example : @mx_any\n" + ROUTERS);
        assertThat(n.accepts("a.example").verdict()).isEqualTo(Verdict.YES);
        assertThat(n.accepts("b.example").verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(n.accepts("b.example").reason()).contains("MX records");
    }

    @Test
    void theDialectEditsTheListWhereItIsDefinedThroughItsMacro() {
        EximDialect d = EximDialect.CONVENTIONAL;
        String text = "MAIN_LOCAL_DOMAINS = @ : localhost\ndomainlist local_domains = MAIN_LOCAL_DOMAINS\nbegin routers\n";
        String accepted = d.accept(text, "new.example");
        assertThat(accepted).startsWith("MAIN_LOCAL_DOMAINS = @ : localhost : new.example\n");
        assertThat(d.drop(accepted, "localhost")).startsWith("MAIN_LOCAL_DOMAINS = @ : new.example\n");
        assertThat(d.drop(text, "absent.example")).isNull();
        assertThat(d.setOwnName(text, "mx.example")).contains("primary_hostname = mx.example\nbegin routers");
        String continued = "domainlist local_domains = a.example : \\\n    b.example\nbegin routers\n";
        assertThat(d.accept(continued, "c.example")).contains("    b.example : c.example\n");
    }

    @Test
    void debianAnswersBecomeTheLocalDomainsWithTheLineTheyAreOn() throws Exception {
        Path etc = Files.createDirectories(root.resolve("etc/exim4"));
        Files.writeString(etc.resolve("exim4.conf.template"), "exim_path = /usr/sbin/exim4\nUPEX4CmacrosUPEX4C = 1\n"
                + ".ifndef MAIN_LOCAL_DOMAINS\nMAIN_LOCAL_DOMAINS = @:localhost\n.endif\n"
                + "domainlist local_domains = MAIN_LOCAL_DOMAINS\n" + ROUTERS);
        Files.writeString(etc.resolve(DebianExim.CONF_CONF), "# debconf\ndc_eximconfig_configtype='internet'\n"
                + "dc_other_hostnames='Example.COM; lists.example.org'\ndc_use_split_config='false'\n");
        HostNames n = EximReader.read(etc, HOST, FilesRoot.at(root));
        assertThat(n.errors()).isEmpty();
        assertThat(n.accepts("lists.example.org").verdict()).isEqualTo(Verdict.YES);
        assertThat(n.accepted()).filteredOn(a -> a.name().equals("example.com")).singleElement().satisfies(a -> {
            assertThat(a.source().file()).isEqualTo("/etc/exim4/update-exim4.conf.conf");
            assertThat(a.source().line()).isEqualTo(3);
        });
    }

    @Test
    void cpanelAndDirectAdminDomainFilesAreLsearchFiles() throws Exception {
        Files.writeString(Files.createDirectories(root.resolve("etc")).resolve("localdomains"), "shop.example\n");
        Files.createDirectories(root.resolve("etc/virtual"));
        Files.writeString(root.resolve("etc/virtual/domains"), "blog.example\n");
        // cPanel: domainlist local_domains = lsearch;/etc/localdomains; DirectAdmin: lsearch;/etc/virtual/domains
        HostNames n = read("domainlist local_domains = @ : localhost : lsearch;/etc/localdomains : "
                + "lsearch;/etc/virtual/domains\n" + ROUTERS);
        assertThat(n.accepts("shop.example").verdict()).isEqualTo(Verdict.YES);
        assertThat(n.accepts("blog.example").verdict()).isEqualTo(Verdict.YES);
        assertThat(n.accepts("gone.example").verdict()).isEqualTo(Verdict.NO);
        assertThat(n.accepted()).extracting(a -> a.source().file()).contains("/etc/localdomains", "/etc/virtual/domains");
    }
}
