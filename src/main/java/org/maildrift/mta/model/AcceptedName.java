package org.maildrift.mta.model;

/** One name a host accepts mail for, in one address class, with where it was defined. */
public record AcceptedName(String name, AddressClass addressClass, Provenance source) {
}
