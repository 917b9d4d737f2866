package org.maildrift.dns.model;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The result of looking up one name and type: the outcome, the CNAME chain followed from the queried
 * name, the record set at the end of it in canonical form (sorted, lower-case absolute names, TTL
 * dropped, MX as "preference exchange"), and where the answer came from. {@code error} is set exactly
 * when the outcome is CHECK_ERROR.
 */
public record DnsAnswer(
        String name,
        RecordType type,
        Outcome outcome,
        List<CnameHop> chain,
        SortedSet<String> records,
        CheckError error,
        String detail,
        String server,
        String view) {

    public DnsAnswer {
        chain = List.copyOf(chain);
        records = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(records));
        if ((outcome == Outcome.CHECK_ERROR) != (error != null)) {
            throw new IllegalArgumentException("error must be set exactly for CHECK_ERROR: " + outcome + "/" + error);
        }
    }

    /** The name the chain ends at (the queried name when there is no CNAME). */
    public String finalName() {
        return chain.isEmpty() ? name : chain.get(chain.size() - 1).target();
    }

    /** Same DNS content: outcome, chain and records (server, view, detail and TTLs do not matter). */
    public boolean sameContentAs(DnsAnswer other) {
        return outcome == other.outcome && chain.equals(other.chain) && records.equals(other.records)
                && error == other.error;
    }
}
