package org.maildrift.mta.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.maildrift.mta.FilesRoot;
import org.maildrift.mta.captured.CapturedClassW;
import org.maildrift.mta.model.HostNames;
import org.maildrift.mta.postfix.MainCf;
import org.maildrift.mta.postfix.MainCfParser;
import org.maildrift.mta.postfix.Postconf;
import org.maildrift.mta.postfix.PostfixParameters;
import org.maildrift.mta.postfix.PostfixReader;
import org.maildrift.mta.sendmail.SendmailCfReader;
import org.maildrift.mta.sendmail.SendmailHost;

/**
 * Coverage-guided fuzz tests of every MTA parser. Under {@code ./mvnw verify} they run in regression
 * mode over the seed inputs in MtaParsersFuzzTestInputs/; {@code JAZZER_FUZZ=1 ./mvnw test
 * -Dtest=MtaParsersFuzzTest} fuzzes for real. Whatever the bytes, a parser returns a result (problems
 * included) and never throws or hangs.
 */
class MtaParsersFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void postfixReaderAcceptsAnyBytes(byte[] input) {
        String text = new String(input, java.nio.charset.StandardCharsets.ISO_8859_1);
        MainCf mainCf = MainCfParser.parse("main.cf", text);
        PostfixParameters ps = PostfixParameters.of(mainCf, "fuzz", "/etc/postfix");
        Postconf.Output out = Postconf.query(ps, List.of("mydestination", "relay_domains", "myhostname"), true);
        assertThat(out.exitCode()).isIn(0, 1);
        HostNames names = PostfixReader.read(mainCf, new PostfixReader.Host("fuzz.example", List.of("192.0.2.1")),
                FilesRoot.none(), "/etc/postfix");
        assertThat(names.accepts("fuzz.example")).isNotNull();
        assertThat(names.accepts("[192.0.2.1]")).isNotNull();
    }

    @FuzzTest(maxDuration = "30s")
    void sendmailReaderAcceptsAnyBytes(byte[] input) {
        String text = new String(input, java.nio.charset.StandardCharsets.ISO_8859_1);
        HostNames names = SendmailCfReader.read("sendmail.cf", text,
                SendmailHost.simple("mail.example.com", List.of("192.0.2.10")), FilesRoot.none());
        assertThat(names.accepts("mail.example.com")).isNotNull();
        HostNames dump = CapturedClassW.read("w.txt", text);
        assertThat(dump.accepts("mail.example.com")).isNotNull();
    }
}
