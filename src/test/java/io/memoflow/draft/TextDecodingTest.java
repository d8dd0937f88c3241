package io.memoflow.draft;

import io.memoflow.RejectedInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Decoding mail bodies and files with declared, misspelt, wrong or missing charset labels. */
class TextDecodingTest {

    static final Charset W1256 = Charset.forName("windows-1256");
    static final Charset ISO_8859_6 = Charset.forName("ISO-8859-6");
    static final Charset W1252 = Charset.forName("windows-1252");
    static final String ARABIC = "مذكرة تفاهم بشأن التعاون الأمني بين المديرية العامة للأمن الوطني والشرطة الدنماركية";

    static RejectedInputException rejected(byte[] bytes, String label) {
        RejectedInputException e = catchThrowableOfType(RejectedInputException.class,
                () -> TextDecoding.decode(bytes, label));
        assertThat(e).as("expected a rejection").isNotNull();
        assertThat(e.advice()).isNotBlank();
        return e;
    }

    @ParameterizedTest
    @ValueSource(strings = {"windows-1256", "windows1256", "WINDOWS_1256", "cp1256", "CP-1256", "x-cp1256", "win1256",
            "\"windows-1256\"", " Windows-1256 "})
    void misspeltWindows1256LabelsAreUnderstood(String label) {
        assertThat(TextDecoding.charsetForLabel(label)).contains(W1256);
        assertThat(TextDecoding.decode(ARABIC.getBytes(W1256), label)).isEqualTo(ARABIC);
    }

    @ParameterizedTest
    @ValueSource(strings = {"arabic", "ASMO-708", "ECMA-114", "iso-8859-6", "ISO8859-6", "iso_8859-6:1987", "iso-ir-127",
            "csISOLatinArabic", "iso-8859-6-i"})
    void iso88596LabelsAreUnderstood(String label) {
        assertThat(TextDecoding.charsetForLabel(label)).contains(ISO_8859_6);
        assertThat(TextDecoding.decode(ARABIC.getBytes(ISO_8859_6), label)).isEqualTo(ARABIC);
    }

    @ParameterizedTest
    @ValueSource(strings = {"utf8", "UTF8", "utf-8", "UTF_8", "unicode-1-1-utf-8"})
    void utf8LabelsAreUnderstood(String label) {
        assertThat(TextDecoding.charsetForLabel(label)).contains(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x-user-defined", "unknown-8bit", "no-such-charset", "%%%", ""})
    void unknownLabelsAreIgnoredAndTheEncodingDetected(String label) {
        assertThat(TextDecoding.charsetForLabel(label)).isEmpty();
        assertThat(TextDecoding.decodeDetailed(ARABIC.getBytes(W1256), label))
                .isEqualTo(new TextDecoding.Decoded(ARABIC, "windows-1256"));
        assertThat(TextDecoding.decodeDetailed(ARABIC.getBytes(StandardCharsets.UTF_8), label))
                .isEqualTo(new TextDecoding.Decoded(ARABIC, "UTF-8"));
    }

    @Test
    void latinAndAsciiLabelsAreReadAsWindows1252LikeBrowsersDo() {
        byte[] bytes = "Caf\u00e9 \u201cquoted\u201d \u2013 \u20ac5".getBytes(W1252);

        assertThat(TextDecoding.charsetForLabel("iso-8859-1")).contains(W1252);
        assertThat(TextDecoding.decodeDetailed(bytes, "us-ascii"))
                .isEqualTo(new TextDecoding.Decoded("Caf\u00e9 \u201cquoted\u201d \u2013 \u20ac5", "windows-1252"));
    }

    @Test
    void bodyWithoutCharsetIsDetected() {
        assertThat(TextDecoding.decodeDetailed(ARABIC.getBytes(ISO_8859_6), null))
                .isEqualTo(new TextDecoding.Decoded(ARABIC, "ISO-8859-6"));
        assertThat(TextDecoding.decodeDetailed(ARABIC.getBytes(W1256), null))
                .isEqualTo(new TextDecoding.Decoded(ARABIC, "windows-1256"));
        assertThat(TextDecoding.decodeDetailed("plain ascii".getBytes(StandardCharsets.US_ASCII), null))
                .isEqualTo(new TextDecoding.Decoded("plain ascii", "UTF-8"));
    }

    @Test
    void utf8MislabelledAsASingleByteCharsetIsReadAsUtf8() {
        byte[] bytes = ARABIC.getBytes(StandardCharsets.UTF_8);

        assertThat(TextDecoding.decodeDetailed(bytes, "iso-8859-1")).isEqualTo(new TextDecoding.Decoded(ARABIC, "UTF-8"));
        assertThat(TextDecoding.decodeDetailed(bytes, "windows-1256")).isEqualTo(new TextDecoding.Decoded(ARABIC, "UTF-8"));
    }

    @Test
    void arabicMislabelledAsLatin1IsReadAsArabic() {
        assertThat(TextDecoding.decodeDetailed(ARABIC.getBytes(W1256), "iso-8859-1"))
                .isEqualTo(new TextDecoding.Decoded(ARABIC, "windows-1256"));
    }

    @Test
    void frenchDeclaredLatin1StaysLatin() {
        String french = "Le protocole d'accord sign\u00e9 \u00e0 Rabat, \u00c9TAT DU MAROC";

        assertThat(TextDecoding.decodeDetailed(french.getBytes(W1252), "latin1"))
                .isEqualTo(new TextDecoding.Decoded(french, "windows-1252"));
    }

    @Test
    void iso88596MislabelledAsWindows1256IsReadAsIso88596AndViceVersa() {
        assertThat(TextDecoding.decodeDetailed(ARABIC.getBytes(ISO_8859_6), "windows-1256"))
                .isEqualTo(new TextDecoding.Decoded(ARABIC, "ISO-8859-6"));
        assertThat(TextDecoding.decodeDetailed(ARABIC.getBytes(W1256), "iso-8859-6"))
                .isEqualTo(new TextDecoding.Decoded(ARABIC, "windows-1256"));
    }

    @Test
    void invalidUtf8DeclaredAsUtf8FallsBackToLegacyArabic() {
        assertThat(TextDecoding.decodeDetailed(ARABIC.getBytes(W1256), "utf-8"))
                .isEqualTo(new TextDecoding.Decoded(ARABIC, "windows-1256"));
    }

    @Test
    void byteOrderMarkWinsOverTheLabel() {
        byte[] bytes = DraftParserTest.concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, ARABIC.getBytes(StandardCharsets.UTF_16LE));

        assertThat(TextDecoding.decodeDetailed(bytes, "windows-1256"))
                .isEqualTo(new TextDecoding.Decoded(ARABIC, "UTF-16LE"));
    }

    @Test
    void utf16DeclaredWithoutByteOrderMarkIsReadInTheByteOrderItHas() {
        assertThat(TextDecoding.decodeDetailed((ARABIC + " MOU").getBytes(StandardCharsets.UTF_16LE), "utf-16"))
                .isEqualTo(new TextDecoding.Decoded(ARABIC + " MOU", "UTF-16LE"));
        assertThat(TextDecoding.decodeDetailed("MOU".getBytes(StandardCharsets.UTF_16BE), "UTF-16"))
                .isEqualTo(new TextDecoding.Decoded("MOU", "UTF-16BE"));
        assertThat(TextDecoding.decode("MOU".getBytes(StandardCharsets.UTF_16LE), "utf-16le")).isEqualTo("MOU");
    }

    @Test
    void utf8ByteOrderMarkIsNotPartOfTheText() {
        byte[] bytes = DraftParserTest.concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                ARABIC.getBytes(StandardCharsets.UTF_8));

        assertThat(TextDecoding.decode(bytes, null)).isEqualTo(ARABIC);
        assertThat(TextDecoding.decode(bytes, "utf-8")).isEqualTo(ARABIC);
    }

    @Test
    void otherCharsetsJavaKnowsAreUsedWhenDeclared() {
        String russian = "Меморандум о взаимопонимании";

        assertThat(TextDecoding.decodeDetailed(russian.getBytes(Charset.forName("KOI8-R")), "koi8-r"))
                .isEqualTo(new TextDecoding.Decoded(russian, "KOI8-R"));
    }

    @Test
    void emptyBytesDecodeToEmptyText() {
        assertThat(TextDecoding.decode(new byte[0], "windows-1256")).isEmpty();
        assertThat(TextDecoding.decode(new byte[0], null)).isEmpty();
    }

    @Test
    void pdfDeclaredAsTextIsRejected() {
        assertThat(rejected("%PDF-1.4\n...".getBytes(StandardCharsets.US_ASCII), "utf-8").reason())
                .isEqualTo("This looks like a PDF document, not a text draft.");
    }

    @Test
    void binaryWithNulBytesIsRejectedWhateverTheLabel() {
        byte[] bytes = {'a', 0, 'b', 1, 2, 3, (byte) 0x9C, 0, 0, 0, 17};

        assertThat(rejected(bytes, "windows-1256").reason()).startsWith("This looks like a binary file");
        assertThat(rejected(bytes, null).reason()).startsWith("This looks like a binary file");
    }

    @Test
    void damagedUtf16DeclaredAsUtf16IsRejected() {
        byte[] bytes = Arrays.copyOf("MOU".getBytes(StandardCharsets.UTF_16LE), 5);

        assertThat(rejected(bytes, "utf-16le").reason()).isEqualTo("The text says it is in UTF-16LE, but it is not valid"
                + " UTF-16LE (the first problem is on line 1): it may be damaged or cut off.");
    }

    @Test
    void textThatIsNeitherTheDeclaredCharsetNorDetectableIsRejectedNamingTheLabel() {
        byte[] bytes = "Gr\u00fc\u00dfe aus der Stra\u00dfe\nsch\u00f6n".getBytes(W1252);

        assertThat(rejected(bytes, "utf-8").reason()).isEqualTo("The text says it is in UTF-8, but it is not (the first"
                + " problem is on line 1), and it does not read as Arabic text in windows-1256 or ISO-8859-6 either.");
        byte[] unassigned = DraftParserTest.concat(bytes, new byte[] {'\n', (byte) 0x81}); // 0x81: not in windows-1252
        assertThat(rejected(unassigned, "latin1").reason()).isEqualTo("The text says it is in windows-1252, but it is not"
                + " (the first problem is on line 3), and it does not read as UTF-8 or as Arabic text in windows-1256 or"
                + " ISO-8859-6 either.");
    }

    @Test
    void truncatedUtf8IsRejectedAsCutOffWithOrWithoutLabel() {
        byte[] full = ARABIC.getBytes(StandardCharsets.UTF_8);
        byte[] cut = Arrays.copyOf(full, full.length - 1);

        assertThat(rejected(cut, null).reason()).isEqualTo("The file ends in the middle of a character: it seems to have"
                + " been cut off.");
        assertThat(rejected(cut, "utf-8").reason()).startsWith("The file ends in the middle of a character");
    }

    @Test
    void mojibakeOfUtf8ReadAsWindows1256IsNotPlausibleArabic() {
        byte[] full = (ARABIC + "\n" + ARABIC).getBytes(StandardCharsets.UTF_8);
        full[10] = (byte) 0xC0; // damage one byte so that the bytes are no longer UTF-8

        assertThat(LegacyArabicDetector.detect(full, null)).isEmpty();
        assertThat(rejected(full, null).reason()).startsWith("The file's text is not in an encoding memoflow can recognise:"
                + " it is not valid UTF-8 (the first problem is on line 1)");
    }

    @Test
    void westernTextInTheLettersWindows1252AndWindows1256ShareIsReadUnchanged() {
        String text = "Caf\u00e9 cr\u00e8me, d\u00e9j\u00e0 vu \u2014 \u201cquoted\u201d \u2026 \u00a3 \u20ac";

        assertThat(TextDecoding.decodeDetailed(text.getBytes(W1252), null))
                .isEqualTo(new TextDecoding.Decoded(text, "windows-1256"));
    }

    @Test
    void westernTextWithLettersWindows1256WouldMisreadIsRejectedNotGarbled() {
        for (String text : new String[] {"\u00c9cole nationale", "\u00c0 la r\u00e9union", "Espa\u00f1a ma\u00f1ana",
                "Stra\u00dfe"}) {
            assertThat(LegacyArabicDetector.detect(text.getBytes(W1252), null)).as(text).isEmpty();
        }
    }

    @Test
    void textReadableIdenticallyInBothArabicEncodingsIsCalledWindows1256() {
        String shared = "ضد سبب"; // letters with the same byte values in both encodings

        assertThat(shared.getBytes(W1256)).isEqualTo(shared.getBytes(ISO_8859_6));
        assertThat(TextDecoding.decodeDetailed(shared.getBytes(W1256), null))
                .isEqualTo(new TextDecoding.Decoded(shared, "windows-1256"));
    }

    @Test
    void arabicWithALatinAcronymGluedToTheArticleIsStillWindows1256() {
        String text = ARABIC + " الCNSS " + ARABIC;

        assertThat(TextDecoding.decodeDetailed(text.getBytes(W1256), null))
                .isEqualTo(new TextDecoding.Decoded(text, "windows-1256"));
    }
}
