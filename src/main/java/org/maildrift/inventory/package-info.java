/** The declared estate: hosts, their addresses and configs, watched names. Pure values; depends on nothing. */
package org.maildrift.inventory;
