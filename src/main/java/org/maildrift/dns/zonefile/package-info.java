/** DNS answers from master (zone) files, parsed with dnsjava; offline and deterministic. */
package org.maildrift.dns.zonefile;
