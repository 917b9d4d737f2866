package org.maildrift.rules.dkim;

import java.util.ArrayList;
import java.util.List;

import org.maildrift.dkim.ConfiguredKey;
import org.maildrift.dkim.DkimRecord;
import org.maildrift.dns.model.DnsAnswer;
import org.maildrift.dns.model.DnsNames;
import org.maildrift.dns.model.Outcome;
import org.maildrift.dns.model.RecordType;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.Step;

/** Each configured DKIM key with the key records published for its selector. */
final class DkimRecords {

    /** One key a host signs with. */
    record Signed(Evidence.HostConfig host, ConfiguredKey key) {
        Step configured() {
            return new Step.Note(host.id() + " signs " + key.domain() + " with selector " + key.selector()
                    + (key.key() != null ? ", " + label(key) : "") + " (" + key.describe() + ")", List.of(key.domain()));
        }
    }

    /** The DKIM records at the key's name (TXT strings joined; other TXT records left out). */
    record Published(DnsAnswer answer, List<String> records) {
        List<Step> steps(String name) {
            List<Step> out = new ArrayList<>();
            if (records.isEmpty()) {
                out.add(new Step.Note(name + " TXT: " + (answer.outcome() == Outcome.ANSWER ? "no DKIM record"
                        : answer.outcome().label()), List.of(name)));
            }
            for (String r : records) {
                out.add(new Step.Note(name + " TXT " + abbreviated(r), List.of(name)));
            }
            return out;
        }
    }

    private DkimRecords() {
    }

    static String label(ConfiguredKey k) {
        return k.key().algorithm().toUpperCase(java.util.Locale.ROOT) + (k.key().bits() > 0 ? " " + k.key().bits() : "");
    }

    /** Every key of every host's signer, in inventory order. */
    static List<Signed> keys(Evidence evidence) {
        List<Signed> out = new ArrayList<>();
        for (Evidence.HostConfig h : evidence.hosts()) {
            h.dkim().keys().forEach(k -> out.add(new Signed(h, k)));
        }
        return out;
    }

    static Published published(Evidence evidence, ConfiguredKey key) {
        DnsAnswer a = evidence.fact(key.recordName(), RecordType.TXT);
        List<String> records = a.outcome() == Outcome.ANSWER
                ? a.records().stream().filter(DkimRecord::looksLikeDkim).toList() : List.of();
        return new Published(a, records);
    }

    /** A record shown with a long p= cut short: people compare the ends. */
    static String abbreviated(String record) {
        return record.replaceAll("p=([A-Za-z0-9+/]{12})[A-Za-z0-9+/=]{20,}([A-Za-z0-9+/=]{8})", "p=$1…$2");
    }

    /** The record to publish for a key: "v=DKIM1; k=rsa; p=…". */
    static String recordFor(ConfiguredKey key) {
        return "v=DKIM1; k=" + key.key().algorithm() + "; p=" + key.key().spkiBase64();
    }

    static String relative(String name) {
        return DnsNames.relative(DnsNames.canonical(name));
    }
}
