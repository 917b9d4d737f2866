/** The audit trail: who changed users, agent tokens, silences and pushed configurations, and when. */
package org.maildrift.audit;
