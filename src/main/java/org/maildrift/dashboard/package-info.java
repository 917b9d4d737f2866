/** The Thymeleaf dashboard: thin controllers that turn ledger and estate records into pages. */
package org.maildrift.dashboard;
