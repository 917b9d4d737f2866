package org.maildrift.dns.model;

/** One link of a CNAME chain: {@code alias CNAME target}, both lower-case and absolute. */
public record CnameHop(String alias, String target) {

    @Override
    public String toString() {
        return alias + " CNAME " + target;
    }
}
