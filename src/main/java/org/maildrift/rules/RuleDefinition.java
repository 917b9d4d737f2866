package org.maildrift.rules;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The stable identity of a rule: kebab-case ID, default severity and a one-line summary. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleDefinition {

    String id();

    Severity severity();

    String summary();

    /**
     * What the rule's findings are about, one subject at a time: a rule that reports on each watched name
     * (or each host) on its own, and whose result for one does not depend on the others, says so, and a
     * pre-change check re-runs it only for the subjects a change can affect. The default runs it whole.
     */
    Scope scope() default Scope.ESTATE;

    /** The subjects of a rule: see {@link #scope()}. */
    enum Scope {
        /** Each finding is about one watched name, found while the rule looks at that name alone. */
        WATCHED,
        /** Each finding is about one host, found while the rule looks at that host alone. */
        HOSTS,
        /** The rule looks at the estate as a whole. */
        ESTATE
    }
}
