/**
 * DKIM as the signer is configured and as DNS publishes it: OpenDKIM's configuration (KeyTable,
 * SigningTable, or Domain/Selector/KeyFile), the public half of each configured key, and DKIM key records.
 * Plain Java; a private key is read only to derive its public key, which is all that is kept.
 */
package org.maildrift.dkim;
