package org.maildrift.spf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.james.jspf.core.DNSLookupContinuation;
import org.apache.james.jspf.core.DNSResponse;
import org.apache.james.jspf.core.SPFSession;
import org.apache.james.jspf.core.exceptions.NeutralException;
import org.apache.james.jspf.core.exceptions.NoneException;
import org.apache.james.jspf.core.exceptions.PermErrorException;
import org.apache.james.jspf.core.exceptions.TempErrorException;
import org.apache.james.jspf.core.exceptions.TimeoutException;
import org.apache.james.jspf.terms.PTRMechanism;

/**
 * jSPF's ptr mechanism, confirming only the PTR names that are the term's domain or under it, as Mail::SPF
 * does: the others cannot match, and looking their addresses up spends void lookups (RFC 7208 §4.6.4) that
 * then end the check in permerror where the reference implementation gives a result. Found by the spfquery
 * differential (seed 3). Public only because jSPF instantiates terms by reflection.
 */
public final class DomainFirstPtrMechanism extends PTRMechanism {

    private static final String DOMAIN_LIST = "PTRMechanism.domainListCheck";
    private static final String EXPANDED_HOST = "PTRMechanism.expandedHost";

    @Override
    public DNSLookupContinuation onDNSResponse(DNSResponse response, SPFSession session)
            throws PermErrorException, TempErrorException, NoneException, NeutralException {
        DNSResponse r = response;
        Object host = session.getAttribute(EXPANDED_HOST);
        if (session.getAttribute(DOMAIN_LIST) == null && host instanceof String h) {
            try {
                List<String> names = response.getResponse();
                if (names != null) {
                    String domain = h.toLowerCase(Locale.ROOT);
                    List<String> under = new ArrayList<>();
                    for (String n : names) {
                        String name = n.toLowerCase(Locale.ROOT);
                        if (name.equals(domain) || name.endsWith("." + domain)) {
                            under.add(n);
                        }
                    }
                    r = new DNSResponse(under);
                }
            } catch (TimeoutException e) {
                r = response;
            }
        }
        return super.onDNSResponse(r, session);
    }
}
