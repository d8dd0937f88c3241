package io.memoflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HtmlTextTest {

    @Test
    void scriptStyleHeadAndCommentsAreDropped() {
        String html = "<html><head><title>T</title><style>p{}</style><script>var x='<p>no</p>';</script></head>"
                + "<body><!-- <p>hidden</p> --><p>Shown</p><noscript>no</noscript></body></html>";
        assertThat(HtmlText.toText(html)).isEqualTo("Shown\n");
    }

    @Test
    void blocksAreParagraphsListItemsAreLinesAndBreaksAreLineBreaks() {
        String html = "<h1>Title</h1><p>One\n  two</p><ul><li>first</li><li>second</li></ul><div>a<br>b</div>";
        assertThat(HtmlText.toText(html)).isEqualTo("Title\n\nOne two\n\n- first\n- second\n\na\nb\n");
    }

    @Test
    void characterReferencesComeFromTheFixedTableOrAreNumeric() {
        assertThat(HtmlText.toText("<p>&amp; &lt;b&gt; &#1605;&#x630; &quot;x&quot; &nbsp;&unknown; &xxe;</p>"))
                .isEqualTo("& <b> مذ \"x\"  &unknown; &xxe;\n"); // the space and the no-break space are both kept
    }

    @Test
    void aDoctypeWithEntityDeclarationsIsSkippedAndNothingIsFetched() {
        String html = "<!DOCTYPE html [<!ENTITY xxe SYSTEM \"file:///etc/passwd\"> <!ENTITY x \"y\">]>"
                + "<p>&xxe; <img src=\"http://example.invalid/x.png\"> kept</p>";
        assertThat(HtmlText.toText(html)).isEqualTo("&xxe; kept\n");
    }

    @Test
    void quotationsBecomeQuotedLines() {
        String html = "<p>APPROVE fine</p><blockquote type=\"cite\"><p>REJECT</p></blockquote>";
        assertThat(HtmlText.toText(html)).isEqualTo("APPROVE fine\n\n> REJECT\n");
    }

    @Test
    void brokenMarkupIsReadAsFarAsItGoes() {
        assertThat(HtmlText.toText("a < b and <p>c")).isEqualTo("a < b and\n\nc\n");
        assertThat(HtmlText.toText("<p title=\"x>y\">z</p><unclosed")).isEqualTo("z\n\n<unclosed\n");
    }

    @Test
    void namespacedWordTagsAreTags() {
        assertThat(HtmlText.toText("<p class=MsoNormal>نص<o:p></o:p></p>")).isEqualTo("نص\n");
    }

    @Test
    void theMetaCharsetIsFoundInTheFirstBytes() {
        assertThat(HtmlText.declaredCharset("<html><head><meta charset=\"windows-1256\">".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("windows-1256");
        assertThat(HtmlText.declaredCharset("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-6\">"
                .getBytes(StandardCharsets.US_ASCII))).isEqualTo("iso-8859-6");
        assertThat(HtmlText.declaredCharset("<p>none</p>".getBytes(StandardCharsets.US_ASCII))).isNull();
    }
}
