package org.maildrift.mta.model;

/**
 * A configured name or pattern that can never match a recipient domain (a trailing dot, a leading dot
 * in an exact-match list, a capitalised table key, text after a '#'), so mail for the name it seems to
 * accept is not accepted.
 */
public record IneffectivePattern(String pattern, AddressClass addressClass, String reason, Provenance source) {
}
