package org.maildrift.dns.model;

/** The record types maildrift looks up. */
public enum RecordType {
    A, AAAA, CNAME, MX, PTR
}
