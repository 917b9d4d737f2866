/** Postfix lookup tables maildrift evaluates per name: SQL tables through their own definitions, and regexp/pcre/cidr. */
package org.maildrift.mta.postfix.tables;
