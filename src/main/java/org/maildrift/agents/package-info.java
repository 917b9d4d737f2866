/**
 * Configuration pushed by an agent on a mail host: per-host bearer tokens (random, stored hashed,
 * revocable) and the store of what each host pushed last.
 */
package org.maildrift.agents;
