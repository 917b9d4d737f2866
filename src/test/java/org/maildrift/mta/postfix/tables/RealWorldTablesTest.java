package org.maildrift.mta.postfix.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.maildrift.mail.InterfaceAddress;
import org.maildrift.mta.FilesRoot;
import org.maildrift.mta.model.AddressClass;
import org.maildrift.mta.model.HostNames;
import org.maildrift.mta.model.UnresolvedReference;
import org.maildrift.mta.postfix.PostfixReader;
import org.maildrift.report.NamesJson;
import org.maildrift.report.ReportJson;
import org.maildrift.testsupport.Peers;
import org.junit.jupiter.api.Test;

/**
 * The real-world main.cf files whose address classes name SQL or LDAP tables (mailcow, iRedMail, Mailu,
 * Modoboa, ISPConfig, Froxlor, vimbadmin, …; read in place from ../shared/realworld): every such table
 * is one maildrift now looks names up in (directly, given hosts[].tables, or through the host's agent),
 * so none of them is left as a reference maildrift cannot follow; and every file reads and renders as
 * JSON without a crash.
 */
class RealWorldTablesTest {

    private static final Pattern CLASS_TABLE = Pattern.compile(
            "(?m)^\\s*(mydestination|virtual_mailbox_domains|virtual_alias_domains|relay_domains)\\s*=.*"
                    + "(mysql|pgsql|sqlite|ldap):");

    @Test
    void everyDatabaseTableOfAnAddressClassIsLookedUpPerName() throws Exception {
        Path realworld = Peers.realworld().resolve("postfix");
        List<Path> cases;
        try (Stream<Path> dirs = Files.list(realworld)) {
            cases = dirs.filter(d -> Files.isRegularFile(d.resolve("main.cf"))).sorted().toList();
        }
        int withTables = 0;
        int tables = 0;
        List<String> leftOver = new ArrayList<>();
        for (Path c : cases) {
            String text = Files.readString(c.resolve("main.cf"));
            AgentTableAnswers.Recorder recorder = new AgentTableAnswers.Recorder();
            HostNames names = PostfixReader.read(c, new PostfixReader.Host("mail.example.com",
                    List.of(InterfaceAddress.of("192.0.2.10")), recorder), FilesRoot.none());
            assertThat(ReportJson.write(NamesJson.of(names))).contains("\"mta\"");
            Matcher m = CLASS_TABLE.matcher(text);
            if (!m.find()) {
                continue;
            }
            withTables++;
            tables += recorder.tables().size();
            Set<String> recorded = new TreeSet<>(recorder.tables());
            for (UnresolvedReference u : names.unresolved()) {
                if (u.addressClass() == AddressClass.LOCAL || u.addressClass() == AddressClass.VIRTUAL_MAILBOX
                        || u.addressClass() == AddressClass.VIRTUAL_ALIAS || u.addressClass() == AddressClass.RELAY) {
                    String ref = u.reference().replaceFirst("^(proxy:)+", "");
                    boolean database = ref.matches("(mysql|pgsql|sqlite|ldap):.*");
                    if (database && !recorded.contains(ref)) {
                        leftOver.add(c.getFileName() + ": " + u.reference() + " (" + u.reason() + ")");
                    }
                }
            }
        }
        System.out.printf("real-world postfix: %d main.cf files keep domains in SQL/LDAP tables; %d tables looked up "
                + "per name, %d left over%n", withTables, tables, leftOver.size());
        assertThat(withTables).isGreaterThanOrEqualTo(17);
        assertThat(tables).isGreaterThanOrEqualTo(withTables);
        assertThat(leftOver).isEmpty();
    }
}
