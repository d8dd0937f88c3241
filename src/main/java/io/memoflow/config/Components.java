package io.memoflow.config;

/** Chooses the renderer and the signer memoflow runs with. */
public final class Components {

    private Components() {
    }

    public static Memoflow assemble(MemoflowSettings settings, AdjustableClock clock) {
        Interim interim = new Interim();
        return new Memoflow(settings, clock, interim, interim);
    }
}
