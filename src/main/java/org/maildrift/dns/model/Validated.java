package org.maildrift.dns.model;

/**
 * A DNS answer with its DNSSEC state. A BOGUS answer carries no records (validating senders get
 * SERVFAIL); {@code reason} says why it is bogus or indeterminate, null otherwise.
 */
public record Validated(DnsAnswer answer, Security security, String reason) {
}
