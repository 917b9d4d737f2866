package org.maildrift.alerts;

import org.maildrift.checks.CheckRunner;
import org.maildrift.checks.EstateView;
import org.maildrift.inventory.InventoryLoader;
import org.springframework.stereotype.Component;

/** The site named in the inventory, for alert subjects: from the last check, else read from the inventory file. */
@Component
class SiteName {

    private final CheckRunner runner;
    private volatile String read;

    SiteName(CheckRunner runner) {
        this.runner = runner;
    }

    String get() {
        String fromRun = runner.estate().map(EstateView::site).orElse(null);
        if (fromRun != null) {
            return fromRun;
        }
        if (read == null) {
            try {
                read = InventoryLoader.load(runner.inventoryFile()).site();
            } catch (org.maildrift.inventory.InventoryException | RuntimeException e) {
                return null;
            }
        }
        return read;
    }
}
