/** Rules about a host's own names: its host name, its reverse DNS, the names it still accepts. */
package org.maildrift.rules.identity;
