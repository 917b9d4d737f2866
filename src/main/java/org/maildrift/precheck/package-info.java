/** Pre-change checks: a change set applied copy-on-write to the current evidence, the findings it would introduce or resolve, and the fixes. */
package org.maildrift.precheck;
