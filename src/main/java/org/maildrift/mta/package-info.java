/** Learns which names each mail host accepts, reading Postfix and sendmail configuration the way the MTAs do. */
package org.maildrift.mta;
