package org.maildrift.dns.model;

/**
 * The record types maildrift looks up. TXT data is the record's character-strings joined (as SPF, DKIM
 * and MTA-STS read them), with bytes outside printable ASCII, quotes and backslashes escaped as
 * {@code \DDD}; TLSA data is "usage selector matching-type hex" with lower-case hex.
 */
public enum RecordType {
    A, AAAA, CNAME, MX, PTR, TXT, TLSA
}
