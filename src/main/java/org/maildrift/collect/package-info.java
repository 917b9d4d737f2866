/**
 * Collects the evidence for a check: reads each host's MTA configuration and asks each DNS source (zone
 * files, live views) everything the rules will need, in two batches. Plain Java, no Spring.
 */
package org.maildrift.collect;
