package org.maildrift.security;

/** VIEWER reads everything; ADMIN may also start checks and read the metrics. */
public enum Role { VIEWER, ADMIN }
