package org.maildrift.rules;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.maildrift.dns.model.CnameHop;

/**
 * Where DNS sends mail for a name (RFC 5321 §5.1): the CNAME chain from the name to its canonical
 * name, then the MX exchanges there with their addresses, or the canonical name's own addresses when
 * there is no MX (implicit MX). {@code targets} lists each exchange (or the implicit target) with the
 * addresses it has, possibly none.
 */
public record Route(String name, Status status, List<CnameHop> chain, String canonical, boolean implicit,
        List<Target> targets) {

    public enum Status {
        /** At least one target has an address. */
        ROUTED,
        /** The name (or the end of its alias chain) does not exist. */
        NXDOMAIN,
        /** The alias chain loops, is too long or has several CNAMEs at one name. */
        CNAME_DEFECT,
        /** RFC 7505 null MX: the domain accepts no mail, on purpose. */
        NULL_MX,
        /** The name exists but no target has an address. */
        NO_ADDRESS
    }

    /** An MX exchange (or, for an implicit MX, the canonical name) with its preference, chain and addresses. */
    public record Target(String name, int preference, List<CnameHop> chain, List<String> addresses) {
        public Target {
            chain = List.copyOf(chain);
            addresses = List.copyOf(addresses);
        }
    }

    public Route {
        chain = List.copyOf(chain);
        targets = List.copyOf(targets);
    }

    public boolean isAlias() {
        return !chain.isEmpty();
    }

    /** Every address mail for the name may be delivered to, in target order. */
    public Set<String> addresses() {
        Set<String> out = new LinkedHashSet<>();
        targets.forEach(t -> out.addAll(t.addresses()));
        return out;
    }
}
