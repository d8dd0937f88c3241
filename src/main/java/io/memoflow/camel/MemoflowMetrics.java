package io.memoflow.camel;

import io.memoflow.memo.MemoState;
import io.memoflow.service.MemoEvents;
import io.memoflow.store.MemoStore;
import io.memoflow.store.MemoSummary;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * memoflow's own metrics, in the Prometheus registry Camel serves at /observe/metrics:
 * <ul>
 * <li>{@code memoflow_memoranda{state}}: memoranda by state (from the store index, at most every 5 s)</li>
 * <li>{@code memoflow_drafts_accepted_total{channel}}, {@code memoflow_decisions_total{decision,channel}}</li>
 * <li>{@code memoflow_stage_duration_seconds{stage}}: how long stages took, start to last decision</li>
 * <li>{@code memoflow_completed_total}, {@code memoflow_inputs_rejected_total{source}},
 * {@code memoflow_deliveries_failed_total}, {@code memoflow_work_pending}</li>
 * </ul>
 */
public final class MemoflowMetrics implements MemoEvents {

    private final MeterRegistry registry;
    private final MemoStore store;
    private volatile Map<MemoState, Long> counts = new EnumMap<>(MemoState.class);
    private volatile long pending;
    private volatile long countedAt;

    public MemoflowMetrics(MeterRegistry registry, MemoStore store) {
        this.registry = registry;
        this.store = store;
        for (MemoState s : MemoState.values()) {
            Gauge.builder("memoflow_memoranda", () -> refresh().getOrDefault(s, 0L)).tag("state", s.name().toLowerCase())
                    .description("Memoranda by state").register(registry);
        }
        Gauge.builder("memoflow_work_pending", () -> {
            refresh();
            return pending;
        }).description("Mails and signatures waiting to be done").register(registry);
        Counter.builder("memoflow_deliveries_failed_total").description("Mails or signatures that failed (they are retried)").register(registry);
        Counter.builder("memoflow_completed_total").description("Memoranda signed and completed").register(registry);
    }

    private Map<MemoState, Long> refresh() {
        long now = System.currentTimeMillis();
        if (now - countedAt > 5000) {
            Map<MemoState, Long> c = new EnumMap<>(MemoState.class);
            long p = 0;
            for (MemoSummary s : store.list()) {
                c.merge(s.state(), 1L, Long::sum);
                p += s.pendingWork();
            }
            counts = c;
            pending = p;
            countedAt = now;
        }
        return counts;
    }

    @Override
    public void accepted(String channel) {
        Counter.builder("memoflow_drafts_accepted_total").tag("channel", channel).register(registry).increment();
        countedAt = 0;
    }

    @Override
    public void decided(String decision, String channel) {
        Counter.builder("memoflow_decisions_total").tag("decision", decision).tag("channel", channel).register(registry).increment();
        countedAt = 0;
    }

    @Override
    public void stageFinished(String stage, Duration took) {
        Timer.builder("memoflow_stage_duration").tag("stage", stage).description("Time from a stage's start to its last decision")
                .register(registry).record(took);
    }

    @Override
    public void completed() {
        registry.counter("memoflow_completed_total").increment();
        countedAt = 0;
    }

    /** An input was rejected (into rejected/). */
    public void rejected(String source) {
        Counter.builder("memoflow_inputs_rejected_total").tag("source", source).register(registry).increment();
    }

    /** A mail or signature failed; it stays pending and is retried. */
    public void deliveryFailed() {
        registry.counter("memoflow_deliveries_failed_total").increment();
    }
}
