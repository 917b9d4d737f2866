/**
 * Reads Postfix main.cf as postconf and the daemons do: logical lines, $-expansion, built-in
 * defaults, lists, tables and the address-class matching rules.
 */
package org.maildrift.mta.postfix;
