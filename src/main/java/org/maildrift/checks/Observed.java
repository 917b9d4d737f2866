package org.maildrift.checks;

/** What one run saw of a finding: present, absent, or unknown (the conclusion was inconclusive). */
public enum Observed { PRESENT, ABSENT, UNKNOWN }
