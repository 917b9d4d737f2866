package org.maildrift.mta.model;

import java.util.List;

/**
 * The MX records of a domain as DNS evidence has them, for matching rules that depend on DNS (Exim's
 * {@code @mx_any}, {@code @mx_primary}, {@code @mx_secondary}). A lookup that failed is not "no MX": the
 * implementation throws what the caller treats as inconclusive.
 */
@FunctionalInterface
public interface MxLookup {

    /** One MX record with the addresses its exchange has. */
    record Mx(int preference, String exchange, List<String> addresses) {
        public Mx {
            addresses = List.copyOf(addresses);
        }
    }

    /** The domain's MX records (empty when it has none). */
    List<Mx> mx(String domain);
}
