/** Rules about the DNS records mail routing depends on: CNAME chains and MX exchanges. */
package org.maildrift.rules.aliases;
