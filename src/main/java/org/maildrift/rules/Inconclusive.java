package org.maildrift.rules;

/**
 * A conclusion maildrift could not reach: the name and question (a DNS type, or {@code accepts} for a
 * host's verdict), what happened (timeout, servfail, not-covered, unknown …), the server or host that was
 * asked, the DNS view, and why it matters.
 */
public record Inconclusive(String name, String type, String outcome, String server, String view, String reason) {
}
