package org.maildrift.spf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.maildrift.dns.DnsObserver.Question;
import org.maildrift.dns.model.CheckError;
import org.maildrift.dns.model.DnsAnswer;
import org.maildrift.dns.model.Outcome;
import org.maildrift.dns.model.RecordType;

/** The evaluator over DNS answers maildrift supplies: what a failed lookup and escaped TXT data become. */
class SpfEvaluatorTest {

    private static DnsAnswer txt(String name, String... records) {
        return new DnsAnswer(name, RecordType.TXT, Outcome.ANSWER, List.of(), new TreeSet<>(List.of(records)), null,
                null, "test", "test");
    }

    private static SpfEvaluator over(Map<String, DnsAnswer> answers) {
        return new SpfEvaluator(q -> answers.getOrDefault(q.name() + q.type(), new DnsAnswer(q.name(), q.type(),
                Outcome.NXDOMAIN, List.of(), new TreeSet<>(), null, null, "test", "test")));
    }

    @Test
    void aFailedLookupIsInconclusiveNotAbsent() {
        SpfEvaluator spf = new SpfEvaluator(q -> q.type() == RecordType.TXT && q.name().equals("example.com.")
                ? txt(q.name(), "v=spf1 include:provider.example -all")
                : new DnsAnswer(q.name(), q.type(), Outcome.CHECK_ERROR, List.of(), new TreeSet<>(), CheckError.SERVFAIL,
                        "SERVFAIL from 192.0.2.53", "192.0.2.53", "test"));
        SpfVerdict v = spf.check("192.0.2.1", "example.com", "mail.example.com");
        assertThat(v.result()).isEqualTo(SpfResult.TEMPERROR);
        assertThat(v.inconclusive()).isTrue();
        assertThat(v.failed().name()).isEqualTo("provider.example.");
        assertThat(v.asked()).containsExactly(new Question("example.com.", RecordType.TXT),
                new Question("provider.example.", RecordType.TXT));
    }

    @Test
    void escapedTxtBytesAreReadAsTheirCharacters() {
        // a quote inside the record is \034 in canonical text; the record stays a syntax error, as it is
        SpfVerdict v = over(Map.of("example.com.TXT", txt("example.com.", "v=spf1 ip4:192.0.2.0/24 \\034-all")))
                .check("192.0.2.1", "user@example.com", "mail.example.com");
        assertThat(v.result()).isEqualTo(SpfResult.PERMERROR);
        assertThat(SpfEvaluator.text("v=spf1 a:x\\092y")).isEqualTo("v=spf1 a:x\\y");
        SpfVerdict pass = over(Map.of("example.com.TXT", txt("example.com.", "v=spf1 ip4:192.0.2.0/24 -all")))
                .check("192.0.2.1", "user@example.com", "mail.example.com");
        assertThat(pass.result()).isEqualTo(SpfResult.PASS);
        assertThat(pass.inconclusive()).isFalse();
    }

    @Test
    void aThirdVoidLookupEndsInPermerror() {
        SpfVerdict v = over(Map.of("example.com.TXT",
                txt("example.com.", "v=spf1 a:n1.example a:n2.example a:n3.example ip4:192.0.2.0/24 -all")))
                .check("192.0.2.1", "example.com", "mail.example.com");
        assertThat(v.result()).isEqualTo(SpfResult.PERMERROR);
        assertThat(v.explanation()).contains("void");
        SpfVerdict two = over(Map.of("example.com.TXT",
                txt("example.com.", "v=spf1 a:n1.example a:n2.example ip4:192.0.2.0/24 -all")))
                .check("192.0.2.1", "example.com", "mail.example.com");
        assertThat(two.result()).isEqualTo(SpfResult.PASS);
    }
}
