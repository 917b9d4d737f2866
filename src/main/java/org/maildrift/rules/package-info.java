/**
 * The rule engine: pure functions of evidence (inventory, DNS answers, accepted names) that report drift
 * with its evidence chain and a fix; a failed lookup makes a conclusion inconclusive, never a finding.
 */
package org.maildrift.rules;
