package io.memoflow.document;

/** A colour, each component 0..1. */
record Rgb(float r, float g, float b) {
    static final Rgb BLACK = new Rgb(0, 0, 0);

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
