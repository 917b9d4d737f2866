package org.maildrift.rules.aliases;

import java.util.ArrayList;
import java.util.List;

import org.maildrift.dns.model.DnsAnswer;
import org.maildrift.dns.model.DnsNames;
import org.maildrift.dns.model.Outcome;
import org.maildrift.dns.model.RecordType;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.Step;

/** The MX exchanges of a watched name, as "preference exchange" pairs (the null MX "." left out). */
final class Exchanges {

    record Exchange(String owner, int preference, String name) {
        Step step() {
            return new Step.Exchange(owner, preference, name);
        }
    }

    private Exchanges() {
    }

    static List<Exchange> of(Evidence evidence, String name) {
        DnsAnswer mx = evidence.fact(name, RecordType.MX);
        List<Exchange> out = new ArrayList<>();
        if (mx.outcome() != Outcome.ANSWER) {
            return out;
        }
        String owner = DnsNames.relative(mx.finalName());
        for (String rec : mx.records()) {
            String[] parts = rec.split(" ", 2);
            if (!parts[1].equals(".")) {
                out.add(new Exchange(owner, Integer.parseInt(parts[0]), DnsNames.relative(parts[1])));
            }
        }
        return out;
    }
}
