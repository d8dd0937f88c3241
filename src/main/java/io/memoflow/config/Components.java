package io.memoflow.config;

import io.memoflow.document.Typesetter;

/** Chooses the renderer memoflow runs with: the typesetter, with the home folder's templates/style file when there is one. */
public final class Components {

    private Components() {
    }

    public static Memoflow assemble(MemoflowSettings settings, AdjustableClock clock) {
        return new Memoflow(settings, clock, Typesetter.forHome(settings.home()));
    }
}
