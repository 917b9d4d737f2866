package org.maildrift.mta.exim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.mta.FilesRoot;
import org.maildrift.mta.model.HostNames;
import org.maildrift.testsupport.EximRunner;

/**
 * Does Exim, sending, rewrite a recipient domain through its CNAME as sendmail does? Measured with the real
 * exim4 4.96 routing {@code u@ml.example.com} through a dnslookup router (with widen_domains and
 * rewrite_headers at their defaults, and again with qualify_single and search_parents) against a real BIND
 * that serves {@code ml CNAME newserver01}: the address keeps its domain and only the host is the target,
 * because dns.c takes the fully qualified name from the CNAME record's owner, not its target. The recorded
 * answer is {@code vectors/exim/sender-cname.bt.expected}; the reader models it as "does not canonicalize".
 */
class EximSenderCanonicalizationTest {

    static final String ZONE = """
            $ORIGIN example.com.
            $TTL 300
            @            SOA ns1 hostmaster 1 3600 600 86400 300
                         NS  ns1
            ns1          A   127.0.0.1
            newserver01  A   192.0.2.20
            ml           CNAME newserver01
            """;

    static final String ROUTERS = """
            begin routers
            dnslookup:
              driver = dnslookup
              domains = ! +local_domains
              transport = remote_smtp
              OPTIONS
            begin transports
            remote_smtp:
              driver = smtp
            """;

    @TempDir
    Path work;

    @Test
    void eximKeepsTheAliasAsTheRecipientDomain() throws Exception {
        EximRunner exim = EximRunner.create(work.resolve("exim"));
        String expected = Files.readString(Path.of("src/test/resources/vectors/exim/sender-cname.bt.expected"));
        for (String options : List.of("no_more", "qualify_single\n  search_parents")) {
            String text = exim.preamble() + "domainlist local_domains = @\n" + ROUTERS.replace("OPTIONS", options);
            Path conf = work.resolve("exim.conf");
            Files.writeString(conf, text);
            EximRunner.Run run = exim.runWithDns(conf, "apps.example.com",
                    "127.0.0.1\tlocalhost\n192.0.2.10\tapps.example.com apps\n", Map.of("example.com", ZONE),
                    List.of("-bt", "u@ml.example.com"));
            assertThat(run.out()).as(run.err()).isEqualTo(expected);
            assertThat(run.out()).doesNotContain("newserver01.example.com <--");
            HostNames names = EximReader.read(conf, text, new EximReader.Host("apps.example.com", List.of("192.0.2.10")),
                    FilesRoot.none());
            assertThat(names.canonicalizes("ml.example.com")).isFalse();
        }
    }
}
