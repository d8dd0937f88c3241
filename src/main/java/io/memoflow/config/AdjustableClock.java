package io.memoflow.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock memoflow reads time from: the system clock plus an offset that tests (and only
 * tests) move forward, to see deadlines, reminders and escalation happen without waiting.
 */
public final class AdjustableClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public AdjustableClock(Clock base) {
        this.base = base;
    }

    public static AdjustableClock system() {
        return new AdjustableClock(Clock.systemUTC());
    }

    /** Moves this clock forward. */
    public void advance(Duration by) {
        offset.updateAndGet(o -> o.plus(by));
    }

    public Duration offset() {
        return offset.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("memoflow keeps time in UTC");
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }
}
