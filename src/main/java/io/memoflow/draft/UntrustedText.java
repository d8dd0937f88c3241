package io.memoflow.draft;

/**
 * The characters that make text lie about itself, and how memoflow treats them.
 *
 * <ul>
 *   <li><b>Control characters</b>: C0 (U+0000–U+001F), DEL and C1 (U+007F–U+009F). A terminal
 *       obeys them (ESC [2J clears the screen), a log line can be forged with a line break.</li>
 *   <li><b>Bidirectional controls</b>: the embeddings and overrides U+202A–U+202E and the
 *       isolates U+2066–U+2069. They reorder how the text around them is shown, so that what a
 *       reader sees differs from what is stored ("Trojan Source"). The direction <em>marks</em>
 *       U+200E (LRM), U+200F (RLM) and U+061C (ALM) are not controls in this sense: they only
 *       give a neutral character a direction, are common in Arabic text mixed with Latin or
 *       digits, and are allowed in text (not in addresses).</li>
 * </ul>
 *
 * Intake refuses both in every text (see {@link #problemInLine}); every output shows what
 * remains (old data, text from elsewhere) {@link #visible visibly}, as {@code [U+001B]}.
 */
public final class UntrustedText {

    private UntrustedText() {
    }

    /** C0 and C1 control characters and DEL. */
    public static boolean isControl(int cp) {
        return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
    }

    /** The bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). */
    public static boolean isBidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    }

    /** A character an output shows as {@code [U+XXXX]}: controls, bidi controls, line and paragraph separators. */
    public static boolean mustShowVisibly(int cp) {
        return isControl(cp) || isBidiControl(cp) || cp == 0x2028 || cp == 0x2029;
    }

    /** The text with every control, bidi control and line or paragraph separator shown as {@code [U+XXXX]}. */
    public static String visible(String s) {
        if (s == null) {
            return "";
        }
        int i = 0;
        while (i < s.length() && !mustShowVisibly(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (mustShowVisibly(c)) {
                sb.append(String.format("[U+%04X]", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A plain-words name for a control or bidi control character, e.g. "U+001B, escape". */
    public static String name(int cp) {
        String name = switch (cp) {
            case 0x00 -> "NUL";
            case 0x07 -> "bell";
            case 0x08 -> "backspace";
            case 0x09 -> "tab";
            case 0x0A -> "line break";
            case 0x0B -> "vertical tab";
            case 0x0C -> "form feed, a page break";
            case 0x0D -> "carriage return";
            case 0x1A -> "end-of-file marker, Ctrl+Z";
            case 0x1B -> "escape";
            case 0x7F -> "delete";
            case 0x85 -> "next line";
            case 0x9B -> "control sequence introducer";
            case 0x202A -> "left-to-right embedding";
            case 0x202B -> "right-to-left embedding";
            case 0x202C -> "pop directional formatting";
            case 0x202D -> "left-to-right override";
            case 0x202E -> "right-to-left override";
            case 0x2066 -> "left-to-right isolate";
            case 0x2067 -> "right-to-left isolate";
            case 0x2068 -> "first strong isolate";
            case 0x2069 -> "pop directional isolate";
            default -> "control character";
        };
        return String.format("U+%04X, %s", cp, name);
    }

    /**
     * What is wrong with a text that memoflow keeps, or null: the first control character (line
     * breaks and tabs only when {@code oneLine}) or bidi control, named with its position, e.g.
     * "an invisible control character (U+001B, escape) at character 7".
     *
     * @param oneLine true for one-line values (titles, names, addresses): line breaks and tabs count as controls
     */
    public static String problemInLine(String value, boolean oneLine) {
        if (value == null) {
            return null;
        }
        int position = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            position++;
            if (isControl(cp) && (oneLine || (cp != '\n' && cp != '\t'))) {
                return "an invisible control character (" + name(cp) + ") at character " + position;
            }
            if (isBidiControl(cp)) {
                return "a bidirectional control (" + name(cp) + ") at character " + position;
            }
        }
        return null;
    }

    /** Advice for a refused bidirectional control. */
    public static final String BIDI_ADVICE = "Type the text again without it: such characters change the order in which the"
            + " text is shown, so that what a reader sees is not what is written (they come with text copied from other"
            + " programs). The direction marks U+200E and U+200F are allowed where a direction must be given.";

    /** Advice for a refused control character. */
    public static final String CONTROL_ADVICE = "Type the text again without it (such characters come with text copied from"
            + " other programs, or from escapes like \\e, \\t or \\x07 inside double quotes).";

    /** The advice for a problem found by {@link #problemInLine}. */
    public static String adviceFor(String problem) {
        return problem != null && problem.startsWith("a bidirectional") ? BIDI_ADVICE : CONTROL_ADVICE;
    }
}
