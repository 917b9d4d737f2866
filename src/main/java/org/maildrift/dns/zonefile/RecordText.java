package org.maildrift.dns.zonefile;

import java.util.Locale;

import org.maildrift.dns.model.DnsNames;
import org.maildrift.mail.IpAddresses;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;

/** Canonical text of record data, the same whether it came from a zone file, a resolver or a transfer. */
public final class RecordText {

    private RecordText() {
    }

    /** Canonical text of one record's data: addresses normalised, names lower-case absolute, MX as "pref exchange". */
    public static String rdata(Record r) {
        if (r instanceof ARecord a) {
            return a.getAddress().getHostAddress();
        }
        if (r instanceof AAAARecord a) {
            return IpAddresses.canonical(a.getAddress());
        }
        if (r instanceof MXRecord mx) {
            return mx.getPriority() + " " + canonical(mx.getTarget());
        }
        if (r instanceof CNAMERecord c) {
            return canonical(c.getTarget());
        }
        if (r instanceof PTRRecord p) {
            return canonical(p.getTarget());
        }
        if (r instanceof NSRecord ns) {
            return canonical(ns.getTarget());
        }
        if (r instanceof org.xbill.DNS.TXTRecord t) {
            java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
            for (byte[] s : t.getStringsAsByteArrays()) {
                joined.writeBytes(s);
            }
            return org.maildrift.dns.model.DnsText.txt(joined.toByteArray());
        }
        if (r instanceof org.xbill.DNS.TLSARecord t) {
            return org.maildrift.dns.model.DnsText.tlsa(t.getCertificateUsage(), t.getSelector(), t.getMatchingType(),
                    t.getCertificateAssociationData());
        }
        return r.rdataToString().toLowerCase(Locale.ROOT);
    }

    public static String canonical(Name name) {
        return DnsNames.canonical(name.toString());
    }

}
