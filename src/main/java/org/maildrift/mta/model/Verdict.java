package org.maildrift.mta.model;

/** Answer to "does this host accept that domain?"; UNKNOWN when it depends on something unreadable. */
public enum Verdict { YES, NO, UNKNOWN }
