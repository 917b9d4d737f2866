/** DNS answers as values: canonical record sets, one outcome per lookup, the server and view that gave it. */
package org.maildrift.dns.model;
