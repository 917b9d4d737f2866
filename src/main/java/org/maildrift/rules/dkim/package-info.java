/**
 * Rules on DKIM: the keys each host's signer is configured with against the key records DNS publishes at
 * SELECTOR._domainkey.DOMAIN. Selectors are never guessed; the configuration names them.
 */
package org.maildrift.rules.dkim;
