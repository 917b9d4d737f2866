/** The REST API under /api: runs, findings, hosts and rules as JSON; errors as RFC 9457 problem details. */
package org.maildrift.api;
