/**
 * The service's checks: runs the core (collect evidence, rule engine) on a schedule or on demand and
 * keeps the findings ledger (JPA), where drift is confirmed, resolved, marked unknown or flapping.
 */
package org.maildrift.checks;
