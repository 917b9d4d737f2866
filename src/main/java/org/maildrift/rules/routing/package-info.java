/** Rules about where DNS sends mail and whether the host it reaches accepts it. */
package org.maildrift.rules.routing;
