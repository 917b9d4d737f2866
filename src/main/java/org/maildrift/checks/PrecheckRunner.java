package org.maildrift.checks;

import java.util.List;
import java.util.concurrent.Semaphore;

import org.maildrift.collect.CollectionException;
import org.maildrift.collect.EvidenceCollector;
import org.maildrift.inventory.Inventory;
import org.maildrift.inventory.InventoryException;
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
public class PrecheckRunner {

    private final EstateEvidence estate;
    private final Semaphore slots = new Semaphore(2);

    PrecheckRunner(EstateEvidence estate) {
        this.estate = estate;
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
            Inventory inventory = estate.inventory();
            try (EvidenceCollector collector = estate.collector(inventory)) {
                return new Precheck(RuleCatalog.engine(), estate.pushed()::latest, collector::tables)
                        .run(collector.collect(), changes);
            }
        } catch (InventoryException | CollectionException e) {
            throw new Unavailable("the inventory cannot be checked: " + e.getMessage());
        } finally {
            slots.release();
        }
    }
}
