/**
 * Rules on TLS as DNS publishes it and as the MTA is configured: DANE TLSA records against the keys each
 * host's configuration presents, with their DNSSEC state.
 */
package org.maildrift.rules.tls;
