package org.maildrift.audit;

import java.time.Clock;
import java.time.Instant;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records changes made through the service: the actor is whoever the request authenticated as (a user,
 * or {@code agent:HOST}). An event joins the transaction of the change it records, so a change that
 * rolls back leaves no event and a change that commits never lacks one. Details never hold a secret.
 */
@Service
public class AuditTrail {

    /** One change: {@code action} such as {@code user.created}, {@code subject} what it was done to. */
    public record Event(Long id, Instant at, String actor, String action, String subject, String detail) {
    }

    private static final int MAX_DETAIL = 500;

    private final AuditEventRepository events;
    private final Clock clock;

    AuditTrail(AuditEventRepository events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.REQUIRED)
    public void record(String action, String subject, String detail) {
        String d = detail == null ? null : detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail;
        events.save(new AuditEventRow(clock.instant(), actor(), action, cut(subject, 200), d));
    }

    @Transactional(readOnly = true)
    public Page<Event> recent(Pageable page) {
        return events.findAllByOrderByIdDesc(page).map(AuditEventRow::event);
    }

    private static String actor() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a == null || a.getName() == null ? "system" : cut(a.getName(), 120);
    }

    private static String cut(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }
}
