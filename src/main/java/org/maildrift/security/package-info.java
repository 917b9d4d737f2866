/** Who may see and do what: dashboard and API users with the viewer and admin roles, form login, headers. */
package org.maildrift.security;
