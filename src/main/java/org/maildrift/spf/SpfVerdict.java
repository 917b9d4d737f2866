package org.maildrift.spf;

import java.util.List;

import org.maildrift.dns.DnsObserver.Question;
import org.maildrift.dns.model.DnsAnswer;

/**
 * What SPF says about one address sending for one domain: the result, the explanation jSPF gives, the DNS
 * questions it asked (in order), and the first lookup that failed when the result is a temperror for that
 * reason (then maildrift cannot tell, and says so).
 */
public record SpfVerdict(SpfResult result, String explanation, List<Question> asked, DnsAnswer failed) {

    public SpfVerdict {
        asked = List.copyOf(asked);
    }

    /** True when a lookup failed (timeout, SERVFAIL, refused): the result says nothing about the record. */
    public boolean inconclusive() {
        return failed != null;
    }
}
