package org.maildrift.spf;

import org.apache.james.jspf.core.DNSLookupContinuation;
import org.apache.james.jspf.core.DNSResponse;
import org.apache.james.jspf.core.SPFSession;
import org.apache.james.jspf.core.exceptions.NeutralException;
import org.apache.james.jspf.core.exceptions.NoneException;
import org.apache.james.jspf.core.exceptions.PermErrorException;
import org.apache.james.jspf.core.exceptions.TempErrorException;
import org.apache.james.jspf.terms.MXMechanism;

/**
 * jSPF's mx mechanism, which leaves its per-session state behind when none of the exchanges has an address
 * of the client's family; a later mx term in the same check (after a redirect, in an include) then reads an
 * MX answer as addresses and the check ends in a wrong permerror. Found by the spfquery differential (seed
 * 20261202, "mx:A redirect=B" where A's exchanges are IPv6-only). This subclass clears that state whenever the
 * mechanism has decided. Public only because jSPF instantiates terms by reflection.
 */
public final class SessionSafeMxMechanism extends MXMechanism {

    private static final String CHECK_RECORDS = "MXMechanism.checkRecords";
    private static final String MX_RECORDS = "MXMechanism.mxRecords";

    @Override
    public DNSLookupContinuation onDNSResponse(DNSResponse response, SPFSession session)
            throws PermErrorException, TempErrorException, NoneException, NeutralException {
        DNSLookupContinuation next = super.onDNSResponse(response, session);
        if (next == null) {
            session.removeAttribute(CHECK_RECORDS);
            session.removeAttribute(MX_RECORDS);
        }
        return next;
    }
}
