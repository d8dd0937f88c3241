package io.memoflow.config;

/** Chooses the renderer and the signer memoflow runs with. */
public final class Components {

    private Components() {
    }

    public static Memoflow assemble(MemoflowSettings settings, AdjustableClock clock) {
        return new Memoflow(settings, clock, new Interim());
    }
}
