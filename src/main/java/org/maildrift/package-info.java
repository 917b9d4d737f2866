/** maildrift: cross-checks DNS against the names each mail server accepts. */
package org.maildrift;
