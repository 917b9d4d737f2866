package org.maildrift.rules;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One step of a finding's evidence chain, as data: what DNS said (an alias hop, an MX, an address and
 * who owns it, a lookup's outcome), what a host accepts or not and why, or a note. {@link #text()} is the
 * line people read; {@link #kind()} is how the dashboard draws it; {@link #names()} are the DNS names the
 * step rests on, so the ledger knows which failed lookups leave a finding unknown.
 */
public sealed interface Step {

    /** The line shown in the text output, JSON, SARIF, e-mails and the dashboard. */
    String text();

    /** How the dashboard draws the step: alias, mx, address, host, accepted, rejected or note. */
    String kind();

    /** A short label beside the step (CNAME, MX, A, accepts …); empty for notes. */
    default String label() {
        return "";
    }

    /** The DNS names this step rests on (lower case, no trailing dot). */
    List<String> names();

    /** The same step with its free text (reasons, file names) passed through {@code f}. */
    default Step map(UnaryOperator<String> f) {
        return this;
    }

    /** {@code alias CNAME target}. */
    record AliasHop(String alias, String target) implements Step {
        public String text() {
            return alias + " CNAME " + target;
        }

        public String kind() {
            return "alias";
        }

        @Override
        public String label() {
            return "CNAME";
        }

        public List<String> names() {
            return List.of(alias, target);
        }
    }

    /** {@code domain MX preference exchange}. */
    record Exchange(String domain, int preference, String exchange) implements Step {
        public String text() {
            return domain + " MX " + preference + " " + exchange;
        }

        public String kind() {
            return "mx";
        }

        @Override
        public String label() {
            return "MX";
        }

        public List<String> names() {
            return List.of(domain, exchange);
        }
    }

    /** An address of a name, the inventory host it belongs to (null: none), and whether it is an implicit MX. */
    record Address(String name, String address, String host, boolean implicitMx) implements Step {
        public String text() {
            return name + " " + label() + " " + address + (host != null ? " = host " + host : " (no inventory host)")
                    + (implicitMx ? " (no MX: implicit MX)" : "");
        }

        public String kind() {
            return host != null ? "host" : "address";
        }

        @Override
        public String label() {
            return address.contains(":") ? "AAAA" : "A";
        }

        public List<String> names() {
            return List.of(name);
        }
    }

    /** A mail target that has no address. */
    record NoAddress(String name, boolean implicitMx) implements Step {
        public String text() {
            return name + " has no address" + (implicitMx ? " (no MX either)" : "");
        }

        public String kind() {
            return "note";
        }

        public List<String> names() {
            return List.of(name);
        }
    }

    /** A host accepts a name (in an address class, when shown), and how: the setting, file and line. */
    record Accepts(String host, String name, String addressClass, String how) implements Step {
        public String text() {
            return "host " + host + " accepts " + name + (addressClass == null ? "" : " (" + addressClass + ")") + ": "
                    + how;
        }

        public String kind() {
            return "accepted";
        }

        @Override
        public String label() {
            return "accepts";
        }

        public List<String> names() {
            return List.of(name);
        }

        @Override
        public Step map(UnaryOperator<String> f) {
            return new Accepts(host, name, addressClass, f.apply(how));
        }
    }

    /** A host does not accept a name, and why. */
    record NotAccepted(String host, String name, String why) implements Step {
        public String text() {
            return "host " + host + " does not accept " + name + ": " + why;
        }

        public String kind() {
            return "rejected";
        }

        @Override
        public String label() {
            return "does not accept";
        }

        public List<String> names() {
            return List.of(name);
        }

        @Override
        public Step map(UnaryOperator<String> f) {
            return new NotAccepted(host, name, f.apply(why));
        }
    }

    /** Anything else, in words: a lookup's outcome, what a host calls itself, a configuration problem. */
    record Note(String text, List<String> names) implements Step {
        public Note {
            names = List.copyOf(names);
        }

        public Note(String text) {
            this(text, List.of());
        }

        public String kind() {
            return "note";
        }

        @Override
        public Step map(UnaryOperator<String> f) {
            return new Note(f.apply(text), names);
        }
    }
}
