/** Alert e-mails: the notification policy (group, remind, resolve, flap, blind, silences), the outbox and its relay. */
package org.maildrift.alerts;
