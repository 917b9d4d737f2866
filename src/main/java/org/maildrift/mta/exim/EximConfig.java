package org.maildrift.mta.exim;

import java.util.List;
import java.util.Map;

import org.maildrift.mta.model.ConfigProblem;
import org.maildrift.mta.model.Provenance;

/**
 * An Exim configuration as Exim reads it, after its preprocessor (macros, {@code .include}, {@code .ifdef}):
 * the main options, the named lists, the routers and transports in their order and the ACLs, each with the file and
 * line it was defined at and the macros that were substituted into it. {@code fatal} is what Exim
 * would stop with at start-up (null when it would start).
 */
public record EximConfig(
        String mainFile,
        Map<String, Option> mainOptions,
        Map<String, NamedList> domainLists,
        List<NamedList> otherLists,
        List<Driver> routers,
        Map<String, Acl> acls,
        List<Macro> macros,
        List<ConfigProblem> problems,
        String fatal,
        List<String> unreadIncludes,
        List<Driver> transports) {

    public EximConfig {
        mainOptions = Map.copyOf(mainOptions);
        domainLists = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(domainLists));
        otherLists = List.copyOf(otherLists);
        transports = List.copyOf(transports);
        routers = List.copyOf(routers);
        acls = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(acls));
        macros = List.copyOf(macros);
        problems = List.copyOf(problems);
        unreadIncludes = List.copyOf(unreadIncludes);
    }

    /** Where a logical line came from: its file, its first physical line, and the macros substituted into it. */
    public record Where(String file, int line, List<Macro> macros) {
        public Where {
            macros = List.copyOf(macros);
        }

        /**
         * {@code head (file:line) → MACRO (macro) …}: the macros that hold {@code item} (all when null). The
         * place is where the item is written: the innermost macro that holds it, else this line.
         */
        public Provenance provenance(String head, String item) {
            java.util.List<String> chain = new java.util.ArrayList<>();
            String at = file;
            int atLine = line;
            java.util.List<String> through = new java.util.ArrayList<>();
            for (Macro m : macros) {
                if (item == null || m.value().toLowerCase(java.util.Locale.ROOT)
                        .contains(item.toLowerCase(java.util.Locale.ROOT))) {
                    through.add(m.name() + " (macro)");
                    if (item != null && m.where().line() > 0) {
                        at = m.where().file();
                        atLine = m.where().line();
                    }
                }
            }
            chain.add(atLine == line && at.equals(file) ? head : head + " (" + file + ":" + line + ")");
            chain.addAll(through);
            return new Provenance(at, atLine, chain);
        }

        public Provenance provenance(String head) {
            return provenance(head, null);
        }
    }

    /** A main option or a driver option as written (after macros and dequoting). */
    public record Option(String name, String value, Where where) {
    }

    /** {@code domainlist NAME = VALUE} (or hostlist, addresslist, localpartlist). */
    public record NamedList(String kind, String name, String value, Where where) {
    }

    /** A macro: its name, the value it had last, and where that value was set. */
    public record Macro(String name, String value, Where where) {
    }

    /** A router (or another driver instance) with its options in the order written. */
    public record Driver(String name, Where where, Map<String, Option> options) {
        public Driver {
            options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
        }

        public String driver() {
            Option d = options.get("driver");
            return d == null ? "" : d.value().strip();
        }
    }

    /** One ACL: its statements in order. */
    public record Acl(String name, Where where, List<Statement> statements) {
        public Acl {
            statements = List.copyOf(statements);
        }
    }

    /** An ACL verb (accept, deny, require, …) with its conditions and modifiers. */
    public record Statement(String verb, Where where, List<Condition> conditions) {
        public Statement {
            conditions = List.copyOf(conditions);
        }
    }

    /** {@code [!]name = value} inside an ACL statement. */
    public record Condition(String name, boolean negated, String value, Where where) {
    }

    public String option(String name) {
        Option o = mainOptions.get(name);
        return o == null ? null : o.value();
    }
}
