/** Live DNS lookups with dnsjava against the servers of named views (split horizon). */
package org.maildrift.dns.resolver;
