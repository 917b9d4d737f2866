/** Reads what an agent on a mail host can capture and send: {@code $=w} dumps and postconf output. */
package org.maildrift.mta.captured;
