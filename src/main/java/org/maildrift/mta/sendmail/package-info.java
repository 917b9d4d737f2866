/** Reads sendmail's class w (the names meaning "this host") and its recipient canonicalisation from sendmail.cf. */
package org.maildrift.mta.sendmail;
