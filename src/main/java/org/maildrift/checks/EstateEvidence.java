package org.maildrift.checks;

import org.maildrift.collect.EvidenceCollector;
import org.maildrift.dns.resolver.ResolverDnsObserver;
import org.maildrift.inventory.Inventory;
import org.maildrift.inventory.InventoryException;
import org.maildrift.inventory.InventoryLoader;
import org.springframework.stereotype.Component;

/**
 * The service's estate and how its evidence is collected, in one place for the scheduled checks and the
 * prechecks: the inventory as configured, DNS with the configured timeout, and configurations as read
 * from disk or pushed by the hosts' agents.
 */
@Component
public class EstateEvidence {

    private final CheckProperties properties;
    private final PushedConfigSource pushed;

    EstateEvidence(CheckProperties properties, PushedConfigSource pushed) {
        this.properties = properties;
        this.pushed = pushed;
    }

    /** The inventory as it is on disk now. */
    public Inventory inventory() throws InventoryException {
        return InventoryLoader.load(properties.inventory());
    }

    /** A collector for {@code inventory}; close it when done. */
    public EvidenceCollector collector(Inventory inventory) {
        ResolverDnsObserver.Settings settings = new ResolverDnsObserver.Settings(properties.dnsTimeout(),
                ResolverDnsObserver.Settings.DEFAULTS.attempts(), ResolverDnsObserver.Settings.DEFAULTS.concurrency());
        return new EvidenceCollector(inventory, settings, pushed::latest, pushed::tableAnswers)
                .usePushedCertificates(pushed::tlsChains).usePushedDkim(pushed::dkim);
    }

    /** What the hosts' agents pushed, for the prechecks' proposals. */
    PushedConfigSource pushed() {
        return pushed;
    }
}
