package org.maildrift.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** RFC 8461 as senders read it: the TXT record set, the policy text and mx pattern matching. */
class MtaStsTest {

    @Test
    void aWildcardPatternStandsForExactlyOneLabelAndIsAnchored() {
        assertThat(MtaSts.matches("*.example.com", "mx1.example.com")).isTrue();
        assertThat(MtaSts.matches("*.example.com", "MX1.Example.COM.")).isTrue();
        assertThat(MtaSts.matches("*.example.com", "a.b.example.com")).isFalse();
        assertThat(MtaSts.matches("*.example.com", "example.com")).isFalse();
        assertThat(MtaSts.matches("*.example.com", "mx1.example.com.evil.test")).isFalse();
        assertThat(MtaSts.matches("*.example.com", "mx1.notexample.com")).isFalse();
        assertThat(MtaSts.matches("mx1.example.com", "mx1.example.com")).isTrue();
        assertThat(MtaSts.matches("mx1.example.com", "mx10.example.com")).isFalse();
    }

    @Test
    void theTxtRecordSetIsReadAsSendersDo() {
        assertThat(MtaSts.record(List.of("v=spf1 -all"))).isEmpty();
        assertThat(MtaSts.record(List.of("v=STSv1; id=2026120101;", "v=spf1 -all")).orElseThrow().id())
                .isEqualTo("2026120101");
        assertThat(MtaSts.record(List.of("v=STSv1; id=a", "v=STSv1; id=b")).orElseThrow().problem())
                .contains("2 TXT records");
        assertThat(MtaSts.record(List.of("v=STSv1;")).orElseThrow().problem()).contains("no id");
        assertThat(MtaSts.record(List.of("v=STSv1; id=has-dash")).orElseThrow().problem()).contains("letters and digits");
    }

    @Test
    void policiesParseWithLfOrCrlfAndRefuseWhatSendersRefuse() {
        MtaSts.Policy p = MtaSts.policy("version: STSv1\r\nmode: testing\r\nmx: mx1.example.com\r\nmx: *.example.net\r\n"
                + "max_age: 86400\r\nextension: ignored\r\n");
        assertThat(p.valid()).isTrue();
        assertThat(p.mode()).isEqualTo(MtaSts.Mode.TESTING);
        assertThat(p.mx()).containsExactly("mx1.example.com", "*.example.net");
        assertThat(p.covering("a.example.net")).hasValue("*.example.net");
        assertThat(MtaSts.policy("version: STSv1\nmode: enforce\nmx: a.example\n").problem()).contains("max_age");
        assertThat(MtaSts.policy("version: STSv2\nmode: enforce\nmx: a.example\nmax_age: 1\n").problem())
                .contains("STSv1");
        assertThat(MtaSts.policy("version: STSv1\nmode: strict\nmx: a.example\nmax_age: 1\n").problem())
                .contains("line 2");
        assertThat(MtaSts.policy("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 99999999999\n").problem())
                .contains("max_age");
        assertThat(MtaSts.policy("<html>not found</html>").problem()).contains("line 1");
    }

    @Test
    void certificateNamesCoverTheMxAsTlsClientsMatch() {
        assertThat(MtaSts.certificateCovers(List.of("*.example.com"), "mx1.example.com")).isTrue();
        assertThat(MtaSts.certificateCovers(List.of("server01.example.com"), "mx1.example.com")).isFalse();
    }
}
