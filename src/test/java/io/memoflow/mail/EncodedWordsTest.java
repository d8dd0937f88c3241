package io.memoflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class EncodedWordsTest {

    static final Charset CP1256 = Charset.forName("windows-1256");
    static final String TITLE = "مذكرة تفاهم بشأن التعاون الأمني";

    static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void aWindows1256BEncodedSubjectIsDecoded() {
        assertThat(EncodedWords.decode("=?windows-1256?B?" + b64(TITLE.getBytes(CP1256)) + "?=")).isEqualTo(TITLE);
    }

    @Test
    void aQEncodedIso88596WordTakesUnderscoresAsSpaces() {
        byte[] bytes = "مذكرة تفاهم".getBytes(Charset.forName("ISO-8859-6"));
        StringBuilder q = new StringBuilder();
        for (byte b : bytes) {
            q.append(b == ' ' ? "_" : String.format("=%02X", b & 0xFF));
        }
        assertThat(EncodedWords.decode("=?iso-8859-6?q?" + q + "?=")).isEqualTo("مذكرة تفاهم");
    }

    @Test
    void aCharacterSplitBetweenTwoAdjacentWordsSurvives() {
        byte[] utf8 = TITLE.getBytes(StandardCharsets.UTF_8);
        String first = b64(Arrays.copyOfRange(utf8, 0, 7)); // cuts the fourth letter in half
        String second = b64(Arrays.copyOfRange(utf8, 7, utf8.length));
        assertThat(EncodedWords.decode("=?UTF-8?B?" + first + "?=\r\n =?UTF-8?B?" + second + "?=")).isEqualTo(TITLE);
    }

    @Test
    void textBetweenWordsIsKeptAndWhiteSpaceBetweenAdjacentWordsIsDropped() {
        String word = "=?UTF-8?B?" + b64("تفاهم".getBytes(StandardCharsets.UTF_8)) + "?=";
        assertThat(EncodedWords.decode("Re: " + word + " " + word + " (draft)")).isEqualTo("Re: تفاهمتفاهم (draft)");
    }

    @Test
    void anUnknownCharsetLabelIsDetectedFromTheBytes() {
        assertThat(EncodedWords.decode("=?x-arabic-unknown?B?" + b64(TITLE.getBytes(CP1256)) + "?=")).isEqualTo(TITLE);
        assertThat(EncodedWords.decode("=?cp1256?B?" + b64(TITLE.getBytes(CP1256)) + "?=")).isEqualTo(TITLE);
    }

    @Test
    void rawEightBitHeaderBytesAreReadAsUtf8OrLegacyArabic() {
        assertThat(EncodedWords.decode(new String(TITLE.getBytes(CP1256), StandardCharsets.ISO_8859_1))).isEqualTo(TITLE);
        assertThat(EncodedWords.decode(new String(TITLE.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))).isEqualTo(TITLE);
    }

    @Test
    void aBrokenEncodedWordIsKeptAsWritten() {
        assertThat(EncodedWords.decode("=?UTF-8?B?2YXYsA")).isEqualTo("=?UTF-8?B?2YXYsA");
        assertThat(EncodedWords.decode(null)).isEmpty();
    }

    @Test
    void controlCharactersFromDecodedWordsBecomeSpaces() {
        assertThat(EncodedWords.decode("=?UTF-8?Q?a=0Db=00c?=")).isEqualTo("a b c");
    }

    @Test
    void anRfc2231ParameterIsDecodedWithItsCharset() {
        StringBuilder pct = new StringBuilder();
        for (byte b : "مذكرة.txt".getBytes(CP1256)) {
            pct.append(b >= 'a' && b <= 'z' || b == '.' ? String.valueOf((char) b) : String.format("%%%02X", b & 0xFF));
        }
        assertThat(EncodedWords.decodeParameter("windows-1256''" + pct)).isEqualTo("مذكرة.txt");
        assertThat(EncodedWords.decodeParameter("windows-1256'ar'" + pct)).isEqualTo("مذكرة.txt");
    }

    @Test
    void percentEscapesLeftWithoutTheirCharsetAreDetected() {
        StringBuilder pct = new StringBuilder();
        for (byte b : "مذكرة".getBytes(CP1256)) {
            pct.append(String.format("%%%02X", b & 0xFF));
        }
        assertThat(EncodedWords.decodeParameter(pct + ".md")).isEqualTo("مذكرة.md");
        assertThat(EncodedWords.decodeParameter("100%25 done.txt")).isEqualTo("100%25 done.txt");
    }

    @Test
    void anEncodedWordInAParameterIsDecoded() {
        assertThat(EncodedWords.decodeParameter("=?windows-1256?B?" + b64("مذكرة.md".getBytes(CP1256)) + "?=")).isEqualTo("مذكرة.md");
        assertThat(EncodedWords.decodeParameter("plain name.txt")).isEqualTo("plain name.txt");
    }
}
