/**
 * Rules on whether the mail that tells people about trouble reaches a person: postmaster, root,
 * MAILER-DAEMON, abuse and the MTA's notice recipients, followed through the host's alias files.
 */
package org.maildrift.rules.bounces;
