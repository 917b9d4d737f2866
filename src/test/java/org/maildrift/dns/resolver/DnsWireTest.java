package org.maildrift.dns.resolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The lean codec must read what dnsjava writes (compressed names included) and reject garbage cleanly. */
class DnsWireTest {

    @Test
    void writesAQueryDnsjavaReads() throws Exception {
        Message m = new Message(DnsWire.query(4242, "ml.example.com.", DnsWire.MX));
        assertThat(m.getHeader().getID()).isEqualTo(4242);
        assertThat(m.getHeader().getFlag(Flags.RD)).isTrue();
        assertThat(m.getQuestion().getName()).isEqualTo(Name.fromString("ml.example.com."));
        assertThat(m.getQuestion().getType()).isEqualTo(Type.MX);
        assertThat(m.getOPT().getPayloadSize()).isEqualTo(1232);
    }

    @Test
    void readsCompressedAnswersInCanonicalForm() throws Exception {
        Name ml = Name.fromString("ML.Example.COM.");
        Name target = Name.fromString("NewServer01.example.com.");
        Message m = new Message(7);
        m.getHeader().setFlag(Flags.QR);
        m.getHeader().setRcode(Rcode.NOERROR);
        m.addRecord(Record.newRecord(ml, Type.A, DClass.IN), Section.QUESTION);
        m.addRecord(new CNAMERecord(ml, DClass.IN, 60, target), Section.ANSWER);
        m.addRecord(new ARecord(target, DClass.IN, 60, InetAddress.getByName("192.0.2.20")), Section.ANSWER);
        m.addRecord(new AAAARecord(target, DClass.IN, 60, InetAddress.getByName("2001:db8:0:0::20")), Section.ANSWER);
        m.addRecord(new MXRecord(ml, DClass.IN, 60, 10, target), Section.ANSWER);
        DnsWire.WireResponse r = DnsWire.parse(m.toWire());
        assertThat(r.id()).isEqualTo(7);
        assertThat(r.qname()).isEqualTo("ml.example.com.");
        assertThat(r.answers()).extracting(DnsWire.WireRecord::owner, DnsWire.WireRecord::rdata).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ml.example.com.", "newserver01.example.com."),
                org.assertj.core.groups.Tuple.tuple("newserver01.example.com.", "192.0.2.20"),
                org.assertj.core.groups.Tuple.tuple("newserver01.example.com.", "2001:db8::20"),
                org.assertj.core.groups.Tuple.tuple("ml.example.com.", "10 newserver01.example.com."));
    }

    /** Names under the question's (label, then a pointer to it), escaped bytes, and unrelated names read as dnsjava does. */
    @Test
    void readsNamesBuiltOnTheQuestionAsDnsjavaDoes() throws Exception {
        Name q = Name.fromString("ML.Example.COM.");
        List<Name> targets = List.of(Name.fromString("www.ML.example.com."), Name.fromString("a.b.c.ml.example.com."),
                Name.fromString("ml.example.com."), Name.fromString("x\\001y\\.z.ml.example.com."),
                Name.fromString("Other.Example.NET."), Name.fromString("example.com."), Name.root);
        Message m = new Message(9);
        m.getHeader().setFlag(Flags.QR);
        m.addRecord(Record.newRecord(q, Type.CNAME, DClass.IN), Section.QUESTION);
        for (Name t : targets) {
            m.addRecord(new CNAMERecord(q, DClass.IN, 60, t), Section.ANSWER);
            m.addRecord(new CNAMERecord(t.equals(Name.root) ? q : t, DClass.IN, 60, q), Section.ANSWER);
        }
        DnsWire.WireResponse r = DnsWire.parse(m.toWire());
        List<String> expected = new java.util.ArrayList<>();
        for (Name t : targets) {
            expected.add("ml.example.com. " + t.toString().toLowerCase(java.util.Locale.ROOT));
            expected.add((t.equals(Name.root) ? "ml.example.com." : t.toString().toLowerCase(java.util.Locale.ROOT))
                    + " ml.example.com.");
        }
        assertThat(r.answers()).extracting(a -> a.owner() + " " + a.rdata()).containsExactlyElementsOf(expected);
    }

    @Test
    void rejectsTruncatedAndLoopingMessages() throws Exception {
        byte[] ok = new Message(DnsWire.query(1, "a.example.", DnsWire.A)).toWire();
        assertThatThrownBy(() -> DnsWire.parse(Arrays.copyOf(ok, 15))).isInstanceOf(IllegalArgumentException.class);
        byte[] loop = Arrays.copyOf(ok, ok.length);
        loop[12] = (byte) 0xc0;
        loop[13] = 12;
        assertThatThrownBy(() -> DnsWire.parse(loop)).isInstanceOf(IllegalArgumentException.class);
    }
}
