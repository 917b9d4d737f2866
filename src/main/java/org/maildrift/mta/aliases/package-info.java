/**
 * Local alias files (aliases(5), as Postfix's local(8) and sendmail read them): the parser, and the reading
 * of a host's alias files, the :include: files they name and its /etc/passwd under files-root. Plain Java;
 * nothing a file says is ever executed or echoed.
 */
package org.maildrift.mta.aliases;
