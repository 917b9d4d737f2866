/**
 * What maildrift reports, as records serialised with Jackson: the JSON of {@code check} and
 * {@code precheck} (docs/check.md, docs/precheck.md) and SARIF 2.1.0. The CLI and the REST API both
 * use it. Plain Java and Jackson; no Spring.
 */
package org.maildrift.report;
