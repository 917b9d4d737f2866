package org.maildrift.checks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.maildrift.inventory.Inventory;
import org.maildrift.mta.model.AcceptedName;
import org.maildrift.mta.model.ConfigProblem;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.InconclusiveException;

/**
 * The estate as the last completed check saw it: per host, what it accepts (with provenance), the
 * problems in its configuration, every watched name that DNS routes to it, and its TLS: the keys it
 * presents, the TLSA records of its MX names with their DNSSEC state, and the MTA-STS policies that cover it.
 */
public record EstateView(Instant at, String inventory, String site, List<HostView> hosts, List<String> views,
        List<String> watched) {

    public record Accepted(String name, String addressClass, String source) {
    }

    public record HostView(String id, String hostname, String mta, List<String> addresses, String config,
            String ownName, boolean canonicalizes, List<Accepted> accepted, List<String> problems,
            List<String> routedHere, org.maildrift.rules.tls.TlsOverview.HostTls tls) {
    }

    public EstateView {
        hosts = List.copyOf(hosts);
        views = List.copyOf(views);
        watched = List.copyOf(watched);
    }

    static EstateView of(Instant at, Inventory inventory, List<Evidence> evidence) {
        Map<String, List<String>> routed = new LinkedHashMap<>();
        List<String> watched = new ArrayList<>();
        if (!evidence.isEmpty()) {
            Evidence e = evidence.get(0);
            for (Evidence.Watched w : e.watched()) {
                watched.add(w.name());
                try {
                    for (String h : e.hostsReached(e.route(w.name()))) {
                        routed.computeIfAbsent(h, k -> new ArrayList<>()).add(w.name());
                    }
                } catch (InconclusiveException unknown) {
                    // not known where it routes: it is listed under no host
                }
            }
        }
        List<HostView> hosts = new ArrayList<>();
        List<Evidence.HostConfig> configs = evidence.isEmpty() ? List.of() : evidence.get(0).hosts();
        for (Evidence.HostConfig h : configs) {
            List<Accepted> accepted = new ArrayList<>();
            for (AcceptedName a : h.names().accepted()) {
                accepted.add(new Accepted(a.name(), a.addressClass().label(),
                        evidence.get(0).tidy(a.source().describe())));
            }
            List<String> problems = h.names().problems().stream()
                    .map(p -> (p.level() == ConfigProblem.Level.ERROR ? "error: " : "warning: ")
                            + evidence.get(0).tidy(p.describe()))
                    .toList();
            Inventory.Host host = h.host();
            hosts.add(new HostView(host.id(), host.hostname(), host.mta().label(), host.addresses(), h.configLabel(),
                    h.names().ownName(), h.names().canonicalizesRecipients(), accepted, problems,
                    routed.getOrDefault(host.id(), List.of()),
                    org.maildrift.rules.tls.TlsOverview.of(evidence.get(0), h)));
        }
        return new EstateView(at, inventory.file().toString(), inventory.site(), hosts,
                evidence.stream().map(Evidence::view).toList(), watched);
    }
}
