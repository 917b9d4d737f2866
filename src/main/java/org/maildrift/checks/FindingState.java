package org.maildrift.checks;

/**
 * Where a finding is in its life: PENDING (seen, not yet confirmed), OPEN (confirmed drift),
 * RESOLVED (was open, confirmed gone), DISMISSED (vanished before it was confirmed).
 */
public enum FindingState { PENDING, OPEN, RESOLVED, DISMISSED }
