/**
 * DNS evidence: what DNS says about the names mail is addressed to, with failures kept apart from
 * answers. The only package that talks to dnsjava.
 */
package org.maildrift.dns;
