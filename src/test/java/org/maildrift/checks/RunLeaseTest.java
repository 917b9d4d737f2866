package org.maildrift.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Two instances sharing one database: only one holds the check lease at a time. */
@DataJpaTest
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class RunLeaseTest {

    @Autowired
    JdbcTemplate jdbc;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-28T10:00:00Z"));

    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void oneInstanceAtATimeAndAnExpiredLeaseCanBeTaken() {
        RunLease a = new RunLease(jdbc, clock, "instance-a");
        RunLease b = new RunLease(jdbc, clock, "instance-b");
        assertThat(a.acquire(Duration.ofMinutes(30))).isTrue();
        assertThat(b.acquire(Duration.ofMinutes(30))).isFalse();
        assertThat(b.describe()).startsWith("instance-a until");
        a.release();
        assertThat(b.acquire(Duration.ofMinutes(30))).isTrue();
        assertThat(a.acquire(Duration.ofMinutes(30))).isFalse();
        // b dies without releasing: its lease expires
        now.set(now.get().plus(Duration.ofMinutes(31)));
        assertThat(a.acquire(Duration.ofMinutes(30))).isTrue();
        a.release();
    }

    @Test
    void aLeaseLeftByADeadProcessOnThisMachineIsTakenAtOnce() {
        String self = java.lang.management.ManagementFactory.getRuntimeMXBean().getName();
        String host = self.substring(self.indexOf('@') + 1);
        long deadPid = ProcessHandle.current().pid() + 4_000_000;
        RunLease dead = new RunLease(jdbc, clock, deadPid + "@" + host + "/killed");
        RunLease alive = new RunLease(jdbc, clock, self + "/other-instance-in-this-process");
        RunLease elsewhere = new RunLease(jdbc, clock, "12@another-machine/x");
        RunLease me = new RunLease(jdbc, clock, self + "/me");

        assertThat(dead.acquire(Duration.ofMinutes(30))).isTrue();
        assertThat(me.acquire(Duration.ofMinutes(30))).as("the holder's process is gone").isTrue();
        me.release();
        assertThat(alive.acquire(Duration.ofMinutes(30))).isTrue();
        assertThat(me.acquire(Duration.ofMinutes(30))).as("the holder's process runs").isFalse();
        alive.release();
        assertThat(elsewhere.acquire(Duration.ofMinutes(30))).isTrue();
        assertThat(me.acquire(Duration.ofMinutes(30))).as("another machine's process: wait for expiry").isFalse();
        elsewhere.release();
    }
}
