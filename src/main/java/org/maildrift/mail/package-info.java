/** Terms every part of maildrift shares: which MTA a host runs, and IP address literals. Depends on nothing. */
package org.maildrift.mail;
