/** Reads a host's configuration whichever MTA and form it is: the one place that knows every reader. */
package org.maildrift.mta.readers;
