package io.memoflow.draft;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.Optional;

/**
 * Decides whether bytes that are not UTF-8 are Arabic (or Arabic-compatible) text in one of the
 * two legacy single-byte encodings, windows-1256 or ISO-8859-6, and which one.
 *
 * <p>Each candidate is decoded strictly (an unassigned byte, of which ISO-8859-6 has 47,
 * disqualifies it) and the resulting text is scored for plausibility. Text read with the wrong
 * one of the two encodings, or Western (windows-1252, ISO-8859-1) text read as Arabic, shows
 * tell-tale signs that real text does not have:
 * <ul>
 *   <li>a word that switches between Arabic and Latin letters more than once ("Mنnner"), or an
 *       Arabic vowel mark after a Latin letter ("Espaًa"): never in real text;</li>
 *   <li>in text that is mostly Latin, an Arabic letter glued to a Latin word ("ةcole") or standing
 *       alone ("ہ la"): what capital accented letters of windows-1252 become in windows-1256;</li>
 *   <li>C1 control characters (bytes 0x80-0x9F in ISO-8859-6);</li>
 *   <li>many symbols that real text rarely has (§ ¨ © ± ¹ ¯ † ‡ ˆ „ ...): what UTF-8 Arabic
 *       becomes when it is read as windows-1256 (damaged or cut-off UTF-8 lands here).</li>
 * </ul>
 * A candidate with any of the first three, or with symbols making up more than a tenth of its
 * non-ASCII characters, is not plausible. Among plausible candidates the one with the fewer soft
 * oddities (tanween in the middle of a word, an Arabic letter glued to a Latin word in Arabic
 * text, of which one plus one in twenty Arabic words are tolerated, as in "الCNSS") wins; on a tie, windows-1256, the far more common of the two, wins. Text both decode
 * identically (ASCII plus the 22 letters ء to ض, which share their byte values) is thus called
 * windows-1256, which reads it correctly either way.
 */
final class LegacyArabicDetector {

    static final Charset WINDOWS_1256 = Charset.forName("windows-1256");
    static final Charset ISO_8859_6 = Charset.forName("ISO-8859-6");

    private LegacyArabicDetector() {
    }

    /** The decoded text and its charset when one of the two encodings reads the bytes plausibly. */
    static Optional<TextDecoding.Decoded> detect(byte[] bytes, Charset preferred) {
        Analysis a1256 = analyse(bytes, WINDOWS_1256);
        Analysis a8859 = analyse(bytes, ISO_8859_6);
        Analysis best = null;
        for (Analysis a : preferred != null && preferred.equals(ISO_8859_6)
                ? new Analysis[] {a8859, a1256} : new Analysis[] {a1256, a8859}) {
            if (a != null && a.plausible() && (best == null || a.softPenalty() < best.softPenalty())) {
                best = a;
            }
        }
        return best == null ? Optional.empty() : Optional.of(new TextDecoding.Decoded(best.text, best.charset.name()));
    }

    /** Decodes strictly with the charset; null when a byte is unassigned in it. */
    static String decodeStrict(byte[] bytes, Charset charset) {
        try {
            CharBuffer out = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return out.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    static Analysis analyse(byte[] bytes, Charset charset) {
        String text = decodeStrict(bytes, charset);
        return text == null ? null : analyse(text, charset);
    }

    static Analysis analyse(String text, Charset charset) {
        Analysis a = new Analysis(text, charset);
        // pass 1: totals
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                if (Character.isLetter(cp)) {
                    a.latinLetters++;
                    a.letters++;
                }
                continue;
            }
            a.nonAscii++;
            if (cp >= 0x80 && cp <= 0x9F) {
                a.c1Controls++;
            } else if (isArabicLetter(cp)) {
                a.arabicLetters++;
                a.letters++;
            } else if (Character.isLetter(cp)) {
                a.letters++;
                if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN) {
                    a.latinLetters++;
                }
            } else if (!isArabicMark(cp) && !isOrdinary(cp)) {
                a.oddSymbols++;
            }
        }
        boolean arabicText = a.arabicLetters * 2 >= a.letters;
        // pass 2: words (runs of letters, marks, tatweel and joiners)
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (!isWordChar(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int switches = 0;
            int arabic = 0;
            int latin = 0;
            char prevScript = 0; // 'A' or 'L' for the last letter seen in the word
            boolean prevWasArabicBase = false;
            boolean markMisplaced = false;
            int tanweenInside = 0;
            while (i < text.length() && isWordChar(cp = text.codePointAt(i))) {
                i += Character.charCount(cp);
                if (isArabicMark(cp)) {
                    if (!prevWasArabicBase) {
                        markMisplaced = true;
                    }
                    if (cp >= 0x064B && cp <= 0x064D && i < text.length() && isArabicLetter(text.codePointAt(i))) {
                        tanweenInside++;
                    }
                    continue;
                }
                char script;
                if (isArabicLetter(cp)) {
                    script = 'A';
                    arabic++;
                    prevWasArabicBase = true;
                } else if (Character.isLetter(cp) && Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN) {
                    script = 'L';
                    latin++;
                    prevWasArabicBase = false;
                } else {
                    // tatweel, joiners, other scripts: they carry marks but do not switch script
                    prevWasArabicBase = cp == 0x0640 || cp == 0x200C || cp == 0x200D;
                    continue;
                }
                if (prevScript != 0 && prevScript != script) {
                    switches++;
                }
                prevScript = script;
            }
            if (arabic > 0) {
                a.arabicWords++;
            }
            if (markMisplaced || switches >= 2) {
                a.hard++;
            } else if (switches == 1) {
                if (arabicText) {
                    a.softMixed++;
                } else {
                    a.hard++;
                }
            } else if (!arabicText && arabic == 1 && latin == 0) {
                a.hard++;
            }
            a.tanweenInside += tanweenInside;
        }
        return a;
    }

    static boolean isArabicLetter(int cp) {
        return Character.isLetter(cp) && cp != 0x0640 && Character.UnicodeScript.of(cp) == Character.UnicodeScript.ARABIC;
    }

    static boolean isArabicMark(int cp) {
        return (cp >= 0x0610 && cp <= 0x061A) || (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670
                || (cp >= 0x06D6 && cp <= 0x06ED && cp != 0x06DD && cp != 0x06DE && cp != 0x06E5 && cp != 0x06E6);
    }

    private static boolean isWordChar(int cp) {
        return Character.isLetter(cp) || isArabicMark(cp) || cp == 0x200C || cp == 0x200D
                || Character.getType(cp) == Character.NON_SPACING_MARK;
    }

    /** Non-ASCII characters that ordinary Arabic, French or English text has. */
    private static boolean isOrdinary(int cp) {
        if (Character.isDigit(cp) || Character.isSpaceChar(cp)) {
            return true;
        }
        switch (cp) {
            case 0x060C: case 0x061B: case 0x061F: case 0x066A: case 0x066B: case 0x066C: case 0x06D4: // ، ؛ ؟ ٪ ٫ ٬ ۔
            case 0x00AB: case 0x00BB: case 0x2039: case 0x203A:                                         // « » ‹ ›
            case 0x201C: case 0x201D: case 0x2018: case 0x2019:                                         // “ ” ‘ ’
            case 0x2013: case 0x2014: case 0x2026: case 0x2022:                                         // – — … •
            case 0x00A0: case 0x00AD: case 0x200C: case 0x200D: case 0x200E: case 0x200F:               // nbsp shy zwnj zwj lrm rlm
            case 0x20AC: case 0x00A3: case 0x00B0: case 0x00D7: case 0x00F7:                            // € £ ° × ÷
                return true;
            default:
                return false;
        }
    }

    static final class Analysis {
        final String text;
        final Charset charset;
        int letters;
        int arabicLetters;
        int latinLetters;
        int nonAscii;
        int oddSymbols;
        int c1Controls;
        int hard;
        int softMixed;
        int arabicWords;
        int tanweenInside;

        Analysis(String text, Charset charset) {
            this.text = text;
            this.charset = charset;
        }

        boolean plausible() {
            return c1Controls == 0 && hard == 0 && oddSymbols * 10 <= nonAscii
                    && softMixed <= 1 + arabicWords / 20;
        }

        int softPenalty() {
            return 3 * softMixed + 2 * tanweenInside;
        }

        @Override
        public String toString() {
            return charset + "{letters=" + letters + ", arabic=" + arabicLetters + ", latin=" + latinLetters
                    + ", nonAscii=" + nonAscii + ", odd=" + oddSymbols + ", c1=" + c1Controls + ", hard=" + hard
                    + ", softMixed=" + softMixed + ", arabicWords=" + arabicWords + ", tanween=" + tanweenInside + "}";
        }
    }
}
