/**
 * Rules on what receivers decide about the mail a host sends: SPF for each domain the host sends for,
 * evaluated for each address receivers see it come from (its own addresses, its bind addresses, or its
 * relay's), and SPF records that are broken for every sender.
 */
package org.maildrift.rules.spf;
