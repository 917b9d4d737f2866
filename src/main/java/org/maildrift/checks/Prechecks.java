package org.maildrift.checks;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.maildrift.collect.CollectionException;
import org.maildrift.collect.EvidenceCollector;
import org.maildrift.dns.resolver.ResolverDnsObserver;
import org.maildrift.inventory.Inventory;
import org.maildrift.inventory.InventoryException;
import org.maildrift.inventory.InventoryLoader;
import org.maildrift.precheck.Change;
import org.maildrift.precheck.ChangeSetException;
import org.maildrift.precheck.Precheck;
import org.maildrift.rules.RuleEngine;
import org.springframework.stereotype.Service;

/**
 * Pre-change checks for the service (REST and dashboard): the checked inventory with fresh evidence
 * (DNS as the check's views see it now, configurations as read or pushed now), then the core's
 * {@link Precheck}. At most two run at once; a third waits up to 30 seconds.
 */
@Service
public class Prechecks {

    private final CheckProperties properties;
    private final PushedConfigSource pushed;
    private final Semaphore slots = new Semaphore(2);

    Prechecks(CheckProperties properties, PushedConfigSource pushed) {
        this.properties = properties;
        this.pushed = pushed;
    }

    /** The service cannot run a precheck now: too many running, or its inventory cannot be read. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    public Precheck.Result run(List<Change> changes) throws ChangeSetException {
        boolean got;
        try {
            got = slots.tryAcquire(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
        if (!got) {
            throw new Unavailable("two prechecks are running; try again shortly");
        }
        try {
            Inventory inventory = InventoryLoader.load(properties.inventory());
            ResolverDnsObserver.Settings settings = new ResolverDnsObserver.Settings(properties.dnsTimeout(),
                    ResolverDnsObserver.Settings.DEFAULTS.attempts(), ResolverDnsObserver.Settings.DEFAULTS.concurrency());
            try (EvidenceCollector collector = new EvidenceCollector(inventory, settings, pushed::latest)) {
                return new Precheck(RuleEngine.withCatalog(), pushed::latest).run(collector.collect(), changes);
            }
        } catch (InventoryException | CollectionException e) {
            throw new Unavailable("the inventory cannot be checked: " + e.getMessage());
        } finally {
            slots.release();
        }
    }
}
