/** Values that describe what a mail host accepts: names, address classes, provenance, problems. */
package org.maildrift.mta.model;
