/** Zone transfers (AXFR, optional TSIG): every name of a zone, so no alias or MX is missed. */
package org.maildrift.dns.transfer;
