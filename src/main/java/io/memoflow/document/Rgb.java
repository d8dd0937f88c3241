package io.memoflow.document;

/** A colour, each component 0..1. */
record Rgb(float r, float g, float b) {
    static final Rgb BLACK = new Rgb(0, 0, 0);

    // written out: a record's generated equals goes through method handles, slow under the client compiler
    // (the current colour is compared once per run of text drawn)
    @Override
    public boolean equals(Object o) {
        return o instanceof Rgb c && Float.compare(c.r, r) == 0 && Float.compare(c.g, g) == 0 && Float.compare(c.b, b) == 0;
    }

    @Override
    public int hashCode() {
        return (Float.hashCode(r) * 31 + Float.hashCode(g)) * 31 + Float.hashCode(b);
    }

    /** Parses {@code #rrggbb}. */
    static Rgb parse(String hex, String key) {
        String h = hex.trim();
        if (h.startsWith("#")) {
            h = h.substring(1);
        }
        if (h.length() != 6) {
            throw new IllegalArgumentException("The style key " + key + " must be a colour like #1f3a5f, not '" + hex + "'.");
        }
        try {
            int v = Integer.parseInt(h, 16);
            return new Rgb(((v >> 16) & 255) / 255f, ((v >> 8) & 255) / 255f, (v & 255) / 255f);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The style key " + key + " must be a colour like #1f3a5f, not '" + hex + "'.", e);
        }
    }
}
