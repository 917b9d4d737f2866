package org.maildrift.checks;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Lets one instance at a time run a check when several share a database (PostgreSQL): a single lease
 * row, taken with one conditional UPDATE (so two instances cannot both win) and given back after the
 * run. A lease whose holder died expires after {@code maildrift.checks.lease}. The same SQL runs on H2.
 */
@Component
class RunLease {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final String holder;

    @org.springframework.beans.factory.annotation.Autowired
    RunLease(JdbcTemplate jdbc, Clock clock) {
        this(jdbc, clock, ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID());
    }

    RunLease(JdbcTemplate jdbc, Clock clock, String holder) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.holder = holder;
    }

    String holder() {
        return holder;
    }

    /**
     * Takes the lease for {@code length}; false when another holder has a lease that has not expired.
     * A lease left by a process of this machine that is no longer running (killed, or the machine lost
     * power) is taken at once: waiting for it to expire would stop checks for up to the lease length.
     */
    boolean acquire(Duration length) {
        Instant now = clock.instant();
        int taken = jdbc.update("update run_lease set holder = ?, lease_until = ?, taken_at = ? "
                + "where name = 'check' and (lease_until < ? or holder = ?)", holder, Timestamp.from(now.plus(length)),
                Timestamp.from(now), Timestamp.from(now), holder);
        if (taken == 1) {
            return true;
        }
        String current = jdbc.queryForObject("select holder from run_lease where name = 'check'", String.class);
        if (current != null && deadOnThisMachine(current, holder)) {
            return jdbc.update("update run_lease set holder = ?, lease_until = ?, taken_at = ? "
                    + "where name = 'check' and holder = ?", holder, Timestamp.from(now.plus(length)),
                    Timestamp.from(now), current) == 1;
        }
        return false;
    }

    /** True when {@code other} ("pid@host/…") names this machine and a process that is not running. */
    static boolean deadOnThisMachine(String other, String self) {
        int at = other.indexOf('@');
        int slash = other.indexOf('/', at + 1);
        int selfAt = self.indexOf('@');
        int selfSlash = self.indexOf('/', selfAt + 1);
        if (at <= 0 || slash < 0 || selfAt <= 0 || selfSlash < 0) {
            return false;
        }
        if (!other.substring(at + 1, slash).equals(self.substring(selfAt + 1, selfSlash))) {
            return false;
        }
        try {
            long pid = Long.parseLong(other.substring(0, at));
            return ProcessHandle.of(pid).map(ph -> !ph.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    void release() {
        jdbc.update("update run_lease set lease_until = ? where name = 'check' and holder = ?",
                Timestamp.from(Instant.EPOCH), holder);
    }

    /** Who holds the lease and until when, for the dashboard and tests. */
    String describe() {
        return jdbc.queryForObject("select holder || ' until ' || cast(lease_until as varchar(40)) from run_lease "
                + "where name = 'check'", String.class);
    }
}
