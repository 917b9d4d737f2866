package org.maildrift.dashboard;

import org.maildrift.alerts.Alerts;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every dashboard page says plainly when alerts are not reaching people. */
@ControllerAdvice(assignableTypes = {DashboardController.class, AlertsController.class})
class AlertBanner {

    private final Alerts alerts;

    AlertBanner(Alerts alerts) {
        this.alerts = alerts;
    }

    @ModelAttribute("alertStatus")
    Alerts.Status alertStatus() {
        return alerts.status();
    }
}
