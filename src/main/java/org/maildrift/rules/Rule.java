package org.maildrift.rules;

/**
 * One check of the evidence. Stateless; reads evidence only; never catches lookup failures (the engine
 * turns them into inconclusive results), never logs, never reads the clock. ID and severity come from
 * {@link RuleDefinition} and are stamped on by the engine.
 */
public interface Rule {

    void check(Evidence evidence, Findings findings);
}
