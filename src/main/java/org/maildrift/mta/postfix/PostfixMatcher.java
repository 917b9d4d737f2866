package org.maildrift.mta.postfix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.maildrift.mta.model.Acceptance;
import org.maildrift.mta.postfix.tables.TableAnswer;
import org.maildrift.mta.model.AddressClass;
import org.maildrift.mta.model.DomainMatcher;

/**
 * Classifies a recipient domain as trivial-rewrite does (spec P5.1, P5.2): local (mydestination, then
 * address literals of the interfaces Postfix listens on), virtual alias, virtual mailbox, relay, in
 * that order. Exact, case-insensitive matching with one trailing dot stripped; relay_domains with
 * parent- or dot-style subdomain matching. A table maildrift could not read makes the answer UNKNOWN
 * wherever it could have changed it.
 */
final class PostfixMatcher implements DomainMatcher {

    enum Style { EXACT, PARENT, DOT }

    record ClassList(AddressClass addressClass, List<ListElement> elements, Style style) {
    }

    private final List<ClassList> classes;
    /** Per class: for an exact-match list of literals only, the first element for each pattern; else null. */
    private final List<Map<String, ListElement>> literalIndexes = new ArrayList<>();
    private final Set<String> listenAddresses;
    private final List<String> unknownInterfaces;

    PostfixMatcher(List<ClassList> classes, Set<String> listenAddresses, List<String> unknownInterfaces) {
        this.classes = List.copyOf(classes);
        this.listenAddresses = Set.copyOf(listenAddresses);
        this.unknownInterfaces = List.copyOf(unknownInterfaces);
        for (ClassList c : this.classes) {
            literalIndexes.add(literalIndex(c));
        }
    }

    /**
     * With exact matching and literals only (negated or not), the first element equal to the domain
     * decides, so a map from pattern to its first element gives the same answer as the scan, in one
     * lookup: long mydestination lists stay cheap.
     */
    private static Map<String, ListElement> literalIndex(ClassList c) {
        if (c.style() != Style.EXACT) {
            return null;
        }
        Map<String, ListElement> index = new HashMap<>();
        for (ListElement e : c.elements()) {
            if (!(e instanceof ListElement.Literal lit)) {
                return null;
            }
            index.putIfAbsent(lit.pattern(), e);
        }
        return index;
    }

    private enum Outcome { YES, NO, UNKNOWN }

    private record Match(Outcome outcome, String reason) {
    }

    @Override
    public void prefetch(java.util.Collection<String> domains) {
        List<String> keys = null; // made only for a host with tables: most hosts have none
        for (ClassList c : classes) {
            for (ListElement e : c.elements()) {
                if (e instanceof ListElement.Table t && t.lookup() != null) {
                    if (keys == null) {
                        keys = domains.stream().map(d -> d.endsWith(".") ? d.substring(0, d.length() - 1) : d)
                                .map(d -> d.toLowerCase(Locale.ROOT)).distinct().toList();
                    }
                    t.lookup().prefetch(keys);
                }
            }
        }
    }

    @Override
    public Acceptance accepts(String domain) {
        if (domain == null || domain.isEmpty()) {
            return Acceptance.no("empty domain");
        }
        String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        if (d.isEmpty() || d.endsWith(".")) {
            return Acceptance.no("more than one trailing dot: never a Postfix destination");
        }
        String lower = d.toLowerCase(Locale.ROOT);
        List<String> unknown = new ArrayList<>();
        List<String> asked = new ArrayList<>();
        for (int i = 0; i < classes.size(); i++) {
            ClassList c = classes.get(i);
            Map<String, ListElement> index = literalIndexes.get(i);
            Match m = index == null ? matchList(c.elements(), lower, c.style(), c.addressClass(), asked)
                    : matchIndexed(index, lower);
            if (c.addressClass() == AddressClass.LOCAL && m.outcome() != Outcome.YES && lower.startsWith("[")) {
                Match lit = matchLiteral(lower);
                if (lit.outcome() == Outcome.YES) {
                    return Acceptance.yes(AddressClass.LOCAL, lit.reason());
                }
                if (lit.outcome() == Outcome.UNKNOWN) {
                    unknown.add(lit.reason());
                }
            }
            if (m.outcome() == Outcome.YES) {
                return Acceptance.yes(c.addressClass(), m.reason());
            }
            if (m.outcome() == Outcome.UNKNOWN) {
                unknown.add(c.addressClass().label() + ": " + m.reason());
            }
        }
        if (!unknown.isEmpty()) {
            return Acceptance.unknown("depends on what maildrift cannot read: " + String.join("; ", unknown));
        }
        // where the answer came from a table asked per name, say which: that is where the domain is missing
        return Acceptance.no(asked.isEmpty() ? "in no address class"
                : "in no address class; not found in " + String.join(", ", asked));
    }

    private static Match matchIndexed(Map<String, ListElement> index, String domain) {
        ListElement e = index.get(domain);
        if (e == null) {
            return new Match(Outcome.NO, "no element matches");
        }
        return e.negated() ? new Match(Outcome.NO, "excluded by !" + describe(e))
                : new Match(Outcome.YES, "matched by " + describe(e));
    }

    private static Match matchList(List<ListElement> elements, String domain, Style style, AddressClass cls,
            List<String> asked) {
        boolean canBeYes = false;
        boolean canBeNo = false;
        String unknownReason = null;
        for (ListElement e : elements) {
            String[] failure = new String[1];
            Outcome o = matchElement(e, domain, style, failure);
            if (o == Outcome.NO && e instanceof ListElement.Table t && t.lookup() != null && !e.negated()) {
                asked.add("the " + cls.label() + " table " + describe(e));
            }
            if (o == Outcome.UNKNOWN) {
                if (e.negated()) {
                    canBeNo = true;
                } else {
                    canBeYes = true;
                }
                if (unknownReason == null) {
                    unknownReason = ((ListElement.Table) e).reference() + (failure[0] == null ? " could not be read"
                            : ": lookup failed: " + failure[0]);
                }
                continue;
            }
            if (o == Outcome.YES) {
                boolean result = !e.negated();
                String why = (e.negated() ? "excluded by !" : "matched by ") + describe(e);
                if (result) {
                    canBeYes = true;
                } else {
                    canBeNo = true;
                }
                return settle(canBeYes, canBeNo, why, unknownReason);
            }
        }
        canBeNo = true;
        return settle(canBeYes, canBeNo, "no element matches", unknownReason);
    }

    private static Match settle(boolean canBeYes, boolean canBeNo, String why, String unknownReason) {
        if (canBeYes && canBeNo) {
            return new Match(Outcome.UNKNOWN, unknownReason);
        }
        return new Match(canBeYes ? Outcome.YES : Outcome.NO, why);
    }

    private static String describe(ListElement e) {
        String what = e instanceof ListElement.Literal l ? l.original() : ((ListElement.Table) e).reference();
        return what + " (" + e.source().describe() + ")";
    }

    private static Outcome matchElement(ListElement e, String domain, Style style, String[] failure) {
        if (e instanceof ListElement.Literal lit) {
            String p = lit.pattern();
            if (p.equals(domain)) {
                return Outcome.YES;
            }
            if (style == Style.PARENT) {
                int cut = domain.length() - p.length();
                return cut > 0 && domain.charAt(cut - 1) == '.' && domain.endsWith(p) ? Outcome.YES : Outcome.NO;
            }
            if (style == Style.DOT && p.startsWith(".")) {
                return domain.length() > p.length() && domain.endsWith(p) ? Outcome.YES : Outcome.NO;
            }
            return Outcome.NO;
        }
        ListElement.Table t = (ListElement.Table) e;
        if (!t.resolved()) {
            return Outcome.UNKNOWN;
        }
        if (t.matchesAll()) {
            return Outcome.YES;
        }
        if (t.lookup() != null) {
            return lookUp(t, domain, style, failure);
        }
        if (t.keys().containsKey(domain)) {
            return Outcome.YES;
        }
        if (style == Style.EXACT || !t.fixedKey()) {
            return Outcome.NO;
        }
        for (String key : parentKeys(domain, style)) {
            if (t.keys().containsKey(key)) {
                return Outcome.YES;
            }
        }
        return Outcome.NO;
    }

    /** The parent-domain keys relay_domains looks up: {@code example.com} (parent style) or {@code .example.com}. */
    private static List<String> parentKeys(String domain, Style style) {
        List<String> keys = new ArrayList<>();
        for (int dot = domain.indexOf('.', 1); dot > 0; dot = domain.indexOf('.', dot + 1)) {
            String key = style == Style.PARENT ? domain.substring(dot + 1) : domain.substring(dot);
            if (!key.isEmpty()) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** A table asked per name: the domain, then (relay_domains, fixed-key tables) each parent domain. */
    private static Outcome lookUp(ListElement.Table t, String domain, Style style, String[] failure) {
        List<String> keys = new ArrayList<>();
        keys.add(domain);
        if (style != Style.EXACT && t.fixedKey()) {
            keys.addAll(parentKeys(domain, style));
        }
        for (String key : keys) {
            TableAnswer a = t.lookup().lookup(key);
            if (a.kind() == TableAnswer.Kind.FOUND) {
                return Outcome.YES;
            }
            if (a.kind() == TableAnswer.Kind.FAILED) {
                failure[0] = a.detail();
                return Outcome.UNKNOWN;
            }
        }
        return Outcome.NO;
    }

    private Match matchLiteral(String literal) {
        if (!literal.endsWith("]")) {
            return new Match(Outcome.NO, "malformed address literal");
        }
        String inner = literal.substring(1, literal.length() - 1);
        String address = inner.regionMatches(true, 0, "ipv6:", 0, 5)
                ? InterfaceAddresses.canonicalIpv6(inner.substring(5))
                : InterfaceAddresses.canonicalIpv4(inner);
        if (address == null) {
            return new Match(Outcome.NO, "not a valid address literal");
        }
        if (listenAddresses.contains(address)) {
            return new Match(Outcome.YES, "address literal of an interface Postfix listens on (inet_interfaces/proxy_interfaces)");
        }
        if (!unknownInterfaces.isEmpty()) {
            return new Match(Outcome.UNKNOWN, "inet_interfaces/proxy_interfaces name hosts maildrift does not resolve: "
                    + String.join(", ", unknownInterfaces));
        }
        return new Match(Outcome.NO, "not an address Postfix listens on");
    }
}
