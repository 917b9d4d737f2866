/**
 * SPF (RFC 7208) as DNS publishes it: the verdict for an address, a sender domain and a HELO name, evaluated
 * by Apache jSPF over maildrift's own DNS answers (a live view, zone files or a precheck's proposal; jSPF
 * never resolves anything itself), and what makes a record broken (several records, a syntax error, too many
 * DNS-querying terms, an include without a record). A lookup that failed is never an absent record: it makes
 * the verdict inconclusive. Plain Java.
 */
package org.maildrift.spf;
