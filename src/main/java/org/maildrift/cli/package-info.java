/** Command-line faces of the core: they start no web server and no database. */
package org.maildrift.cli;
