package org.maildrift.mta.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.maildrift.mta.FilesRoot;
import org.maildrift.mta.captured.CapturedClassW;
import org.maildrift.mta.captured.CapturedPostconf;
import org.maildrift.mta.model.HostNames;
import org.maildrift.mta.postfix.MainCf;
import org.maildrift.mta.postfix.MainCfParser;
import org.maildrift.mta.postfix.Postconf;
import org.maildrift.mta.postfix.PostfixDefaults;
import org.maildrift.mta.postfix.PostfixParameters;
import org.maildrift.mta.postfix.PostfixReader;
import org.maildrift.mta.sendmail.SendmailCfReader;
import org.maildrift.mta.sendmail.SendmailHost;

/**
 * Coverage-guided fuzz tests, one per parser. Under {@code ./mvnw verify} they run in regression mode
 * over the seed inputs in {@code MtaParsersFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1 ./mvnw test
 * -Dtest=MtaParsersFuzzTest} fuzzes for real. Whatever the bytes, a parser returns a result (problems
 * included) and never throws or hangs.
 */
class MtaParsersFuzzTest {

    private static final PostfixReader.Host HOST = PostfixReader.Host.of("fuzz.example", List.of("192.0.2.1"));

    private static String text(byte[] input) {
        return new String(input, StandardCharsets.ISO_8859_1);
    }

    @FuzzTest(maxDuration = "30s")
    void mainCfParserAndPostconfAcceptAnyBytes(byte[] input) {
        MainCf mainCf = MainCfParser.parse("main.cf", text(input));
        PostfixParameters ps = PostfixParameters.of(mainCf, "fuzz", "/etc/postfix");
        Postconf.Output out = Postconf.query(ps, List.of("mydestination", "relay_domains", "myhostname"), true);
        assertThat(out.exitCode()).isIn(0, 1);
        HostNames names = PostfixReader.read(mainCf, HOST, FilesRoot.none(), "/etc/postfix");
        assertThat(names.accepts("fuzz.example")).isNotNull();
        assertThat(names.accepts("[192.0.2.1]")).isNotNull();
    }

    @FuzzTest(maxDuration = "30s")
    void postfixTableAndFileSourcesAcceptAnyBytes(byte[] input) {
        Path root = Path.of("target", "fuzz-root");
        try {
            Files.createDirectories(root.resolve("etc/postfix"));
            Files.write(root.resolve("etc/postfix/t"), input);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HostNames names = PostfixReader.read(MainCfParser.parse("main.cf",
                "myhostname = fuzz.example\nmydestination = texthash:/etc/postfix/t, hash:/etc/postfix/t,"
                        + " /etc/postfix/t\nrelay_domains = proxy:hash:/etc/postfix/t\n"), HOST, FilesRoot.at(root),
                "/etc/postfix");
        assertThat(names.accepts("a.example")).isNotNull();
    }

    @FuzzTest(maxDuration = "30s")
    void sendmailCfReaderAcceptsAnyBytes(byte[] input) {
        HostNames names = SendmailCfReader.read("sendmail.cf", text(input),
                SendmailHost.simple("mail.example.com", List.of("192.0.2.10")), FilesRoot.none());
        assertThat(names.accepts("mail.example.com")).isNotNull();
    }

    @FuzzTest(maxDuration = "30s")
    void eximReaderAcceptsAnyBytes(byte[] input) {
        Path root = Path.of("target", "fuzz-root");
        try {
            Files.createDirectories(root.resolve("etc/exim4"));
            Files.write(root.resolve("etc/exim4/domains"), input);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        org.maildrift.mta.exim.EximReader.Host host = new org.maildrift.mta.exim.EximReader.Host("mail.example.com",
                List.of("192.0.2.10"));
        HostNames names = org.maildrift.mta.exim.EximReader.read(Path.of("exim4.conf"), text(input), host,
                FilesRoot.at(root));
        assertThat(names.accepts("mail.example.com")).isNotNull();
        assertThat(names.accepts("[192.0.2.10]")).isNotNull();
        HostNames lookup = org.maildrift.mta.exim.EximReader.read(Path.of("exim4.conf"),
                "domainlist local_domains = @ : lsearch;/etc/exim4/domains : partial-wildlsearch;/etc/exim4/domains :"
                        + " /etc/exim4/domains\nbegin routers\nlocal:\n driver = accept\n domains = +local_domains\n",
                host, FilesRoot.at(root));
        assertThat(lookup.accepts("a.b.example")).isNotNull();
    }

    @FuzzTest(maxDuration = "30s")
    void capturedOutputReadersAcceptAnyBytes(byte[] input) {
        HostNames dump = CapturedClassW.read("w.txt", text(input));
        assertThat(dump.accepts("mail.example.com")).isNotNull();
        String asMainCf = CapturedPostconf.asMainCf(text(input), PostfixDefaults.raw());
        HostNames fromDump = PostfixReader.read(MainCfParser.parse("postconf.txt", asMainCf), HOST,
                FilesRoot.none(), "/etc/postfix");
        assertThat(fromDump.accepts("fuzz.example")).isNotNull();
    }
}
