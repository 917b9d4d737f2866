package org.maildrift.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand. */
public final class MutableClock extends Clock {

    /** Where {@link Configuration}'s clock starts. */
    public static final Instant START = Instant.parse("2026-11-02T08:00:00Z");

    /** Replaces the service's clock with one the test moves ({@code @Import} it; inject {@code MutableClock}). */
    @org.springframework.boot.test.context.TestConfiguration
    public static class Configuration {
        @org.springframework.context.annotation.Bean
        @org.springframework.context.annotation.Primary
        public MutableClock testClock() {
            return new MutableClock(START);
        }
    }

    private volatile Instant now;

    public MutableClock(Instant start) {
        this.now = start;
    }

    public void advance(Duration d) {
        now = now.plus(d);
    }

    public void set(Instant at) {
        now = at;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
