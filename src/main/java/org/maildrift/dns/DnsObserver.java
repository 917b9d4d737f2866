package org.maildrift.dns;

import java.util.List;

import org.maildrift.dns.model.DnsAnswer;
import org.maildrift.dns.model.RecordType;

/**
 * Answers DNS questions for the rules, from live resolvers, zone files or zone transfers. CNAME chains
 * are followed by the observer (at most {@link #MAX_CNAME_HOPS}); every answer carries one outcome.
 */
public interface DnsObserver {

    int MAX_CNAME_HOPS = 8;

    /** One question. */
    record Question(String name, RecordType type) {
    }

    DnsAnswer lookup(String name, RecordType type);

    /** Many questions; adapters may run them concurrently. Answers come back in question order. */
    default List<DnsAnswer> lookupAll(List<Question> questions) {
        return questions.stream().map(q -> lookup(q.name(), q.type())).toList();
    }
}
