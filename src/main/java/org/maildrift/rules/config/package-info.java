/** Rules about the MTA configurations themselves: validity, unreadable references, ineffective entries. */
package org.maildrift.rules.config;
