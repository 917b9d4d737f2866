package org.maildrift.checks;

import java.util.List;
import java.util.concurrent.Semaphore;

import org.maildrift.collect.CollectionException;
import org.maildrift.collect.EvidenceCollector;
import org.maildrift.dns.resolver.ResolverDnsObserver;
import org.maildrift.inventory.Inventory;
import org.maildrift.inventory.InventoryException;
import org.maildrift.inventory.InventoryLoader;
import org.maildrift.precheck.Change;
import org.maildrift.precheck.ChangeSetException;
import org.maildrift.precheck.Precheck;
import org.maildrift.rules.catalog.RuleCatalog;
import org.springframework.stereotype.Service;

/**
 * Pre-change checks for the service (REST and dashboard): the checked inventory with fresh evidence
 * (DNS as the check's views see it now, configurations as read or pushed now), then the core's
 * {@link Precheck}. At most two run at once, parsing included; a third is refused at once
 * ({@link Unavailable}, answered 503 with {@code Retry-After}), so that no request thread waits on one.
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

    /** How a request's change set is read: run inside the limit, since parsing costs too. */
    public interface ChangeSource {
        List<Change> changes() throws ChangeSetException;
    }

    /** Seconds a client refused for being third is told to wait. */
    public static final int RETRY_AFTER_SECONDS = 5;

    public Precheck.Result run(List<Change> changes) throws ChangeSetException {
        return run(() -> changes);
    }

    public Precheck.Result run(ChangeSource source) throws ChangeSetException {
        if (!slots.tryAcquire()) {
            throw new Unavailable("two prechecks are running; try again in " + RETRY_AFTER_SECONDS + " s");
        }
        try {
            List<Change> changes = source.changes();
            Inventory inventory = InventoryLoader.load(properties.inventory());
            ResolverDnsObserver.Settings settings = new ResolverDnsObserver.Settings(properties.dnsTimeout(),
                    ResolverDnsObserver.Settings.DEFAULTS.attempts(), ResolverDnsObserver.Settings.DEFAULTS.concurrency());
            try (EvidenceCollector collector = new EvidenceCollector(inventory, settings, pushed::latest)) {
                return new Precheck(RuleCatalog.engine(), pushed::latest).run(collector.collect(), changes);
            }
        } catch (InventoryException | CollectionException e) {
            throw new Unavailable("the inventory cannot be checked: " + e.getMessage());
        } finally {
            slots.release();
        }
    }
}
