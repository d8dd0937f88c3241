package io.memoflow.draft;

import io.memoflow.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** What a draft that memoflow accepts turns into. */
class DraftParserTest {

    static final String PRODUCT_EXAMPLE = String.join("\n",
            "---",
            "title: مذكرة تفاهم بشأن التعاون الأمني",
            "reference: MOU-2026-0007        # only to submit a new version of an existing memorandum",
            "language: ar                    # detected from the text when absent",
            "workflow: standard              # a workflow named in the configuration",
            "author: secretariat@dgsn.example.ma   # told about changes requested, rejection, completion",
            "parties:",
            "  - name: المديرية العامة للأمن الوطني",
            "    signatory: عبد اللطيف حموشي",
            "    title: المدير العام",
            "    email: dg@dgsn.example.ma",
            "  - name: Danish National Police",
            "    signatory: Mikael Wern",
            "    title: Director of Police",
            "    email: mw@politi.example.dk",
            "reviewers: [legal@dgsn.example.ma, security@dgsn.example.ma]",
            "cc: [embassy@um.example.dk]",
            "---",
            "# مذكرة تفاهم",
            "",
            "اتفق الطرفان على ما يلي.",
            "");

    final DraftParser parser = new DraftParser(DraftLimits.DEFAULT);

    /** The plain-text Arabic draft of the fixtures, as pasted from a news page (no front matter). */
    static String pastedArticle() {
        return Fixtures.text(Fixtures.PASTED_ARTICLE);
    }

    /** Legacy single-byte charsets only hold some characters: a round trip through one is checked on text it can hold. */
    static byte[] encoded(String text, String charset) {
        assertThat(Charset.forName(charset).newEncoder().canEncode(text)).as("the fixture can be written in %s", charset).isTrue();
        return text.getBytes(Charset.forName(charset));
    }

    @Test
    void pastedArabicArticleParsesWithItsTextIntact() {
        byte[] bytes = Fixtures.bytes(Fixtures.PASTED_ARTICLE);
        String expected = new String(bytes, StandardCharsets.UTF_8).replace("\r\n", "\n").replace('\r', '\n');

        Draft draft = parser.parse(bytes, Fixtures.PASTED_ARTICLE);

        assertThat(draft.body()).isEqualTo(expected);
        assertThat(draft.charset()).isEqualTo("UTF-8");
        assertThat(draft.language()).isEqualTo("ar");
        assertThat(draft.rightToLeft()).isTrue();
        assertThat(draft.title()).isEqualTo(expected.lines().filter(l -> !l.isBlank()).findFirst().orElseThrow().strip());
        assertThat(draft.reference()).isNull();
        assertThat(draft.parties()).isEmpty();
        assertThat(draft.reviewers()).isEmpty();
    }

    @Test
    void longArabicMemorandumGivesItsFrontMatterAndItsBodyIntact() {
        String body = Fixtures.body(Fixtures.LONG_MOU);

        Draft draft = parser.parse(Fixtures.bytes(Fixtures.LONG_MOU), Fixtures.LONG_MOU);

        assertThat(draft.title()).isEqualTo("مذكرة تفاهم بشأن التعاون الأمني بين المديرية العامة لشرطة الأطلس ومديرية شرطة الساحل الشمالي");
        assertThat(draft.language()).isEqualTo("ar");
        assertThat(draft.rightToLeft()).isTrue();
        assertThat(draft.workflow()).isEqualTo("standard");
        assertThat(draft.parties()).extracting(Party::name).containsExactly("المديرية العامة لشرطة الأطلس", "مديرية شرطة الساحل الشمالي");
        assertThat(draft.reviewers()).containsExactly("legal@police-atlas.example", "security@police-atlas.example");
        assertThat(draft.body()).isEqualTo(body);
        assertThat(draft.charset()).isEqualTo("UTF-8");
    }

    @Test
    void markdownTableAndBilingualDraftsKeepTheirBodies() {
        for (String name : new String[] {Fixtures.TABLE, Fixtures.BILINGUAL, Fixtures.VOWELLED}) {
            Draft draft = parser.parse(Fixtures.bytes(name), name);

            assertThat(draft.body()).as(name).isEqualTo(Fixtures.body(name));
            assertThat(draft.language()).as(name).isEqualTo("ar");
        }
    }

    @Test
    void pastedArticleWithWindowsLineEndsComesBackWithUnixLineEnds() {
        String text = pastedArticle();
        byte[] crlf = text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);

        assertThat(parser.parse(crlf, "draft.txt").body()).isEqualTo(text);
    }

    @Test
    void oldMacLineEndsBecomeLineFeeds() {
        Draft draft = parser.parse("first line\rsecond line\r".getBytes(StandardCharsets.UTF_8), "d.txt");

        assertThat(draft.body()).isEqualTo("first line\nsecond line\n");
    }

    @Test
    void productExampleFrontMatterGivesEveryField() {
        Draft draft = parser.parse(PRODUCT_EXAMPLE.getBytes(StandardCharsets.UTF_8), "mou.md");

        assertThat(draft.title()).isEqualTo("مذكرة تفاهم بشأن التعاون الأمني");
        assertThat(draft.reference()).isEqualTo("MOU-2026-0007");
        assertThat(draft.language()).isEqualTo("ar");
        assertThat(draft.workflow()).isEqualTo("standard");
        assertThat(draft.author()).isEqualTo("secretariat@dgsn.example.ma");
        assertThat(draft.parties()).containsExactly(
                new Party("المديرية العامة للأمن الوطني", "عبد اللطيف حموشي", "المدير العام", "dg@dgsn.example.ma"),
                new Party("Danish National Police", "Mikael Wern", "Director of Police", "mw@politi.example.dk"));
        assertThat(draft.reviewers()).containsExactly("legal@dgsn.example.ma", "security@dgsn.example.ma");
        assertThat(draft.cc()).containsExactly("embassy@um.example.dk");
        assertThat(draft.body()).isEqualTo("# مذكرة تفاهم\n\nاتفق الطرفان على ما يلي.\n");
        assertThat(draft.charset()).isEqualTo("UTF-8");
    }

    @Test
    void frontMatterMayCloseWithThreeDotsAndTrailingSpaces() {
        Draft draft = parser.parse("---  \ntitle: Memo\n...  \nBody text\n".getBytes(StandardCharsets.UTF_8), "d.md");

        assertThat(draft.title()).isEqualTo("Memo");
        assertThat(draft.body()).isEqualTo("Body text\n");
    }

    @Test
    void emptyFrontMatterGivesNoFields() {
        Draft draft = parser.parse("---\n---\nHello world\n".getBytes(StandardCharsets.UTF_8), "d.md");

        assertThat(draft.title()).isEqualTo("Hello world");
        assertThat(draft.workflow()).isNull();
        assertThat(draft.body()).isEqualTo("Hello world\n");
    }

    @Test
    void addressesAreLowerCasedAndMayBeACommaOrSemicolonSeparatedText() {
        String text = "---\nauthor: Secretariat@DGSN.Example.MA\nreviewers: Legal@x.example.ma; security@x.example.ma,\n"
                + "cc: [A@b.example, a@B.example]\n---\nText\n";

        Draft draft = parser.parse(text.getBytes(StandardCharsets.UTF_8), "d.md");

        assertThat(draft.author()).isEqualTo("secretariat@dgsn.example.ma");
        assertThat(draft.reviewers()).containsExactly("legal@x.example.ma", "security@x.example.ma");
        assertThat(draft.cc()).as("duplicates removed after lower-casing").containsExactly("a@b.example");
    }

    @Test
    void aPartyMayBeJustAName() {
        Draft draft = parser.parse("---\nparties: [Ministry A, Ministry B]\n---\nText\n".getBytes(StandardCharsets.UTF_8),
                "d.md");

        assertThat(draft.parties()).containsExactly(new Party("Ministry A", "", "", ""), new Party("Ministry B", "", "", ""));
    }

    @Test
    void workflowAndLanguageAreCaseInsensitiveAndLanguageKeepsItsPrimarySubtag() {
        Draft draft = parser.parse("---\nworkflow: Standard\nlanguage: ar-MA\n---\nHello\n".getBytes(StandardCharsets.UTF_8),
                "d.md");

        assertThat(draft.workflow()).isEqualTo("standard");
        assertThat(draft.language()).isEqualTo("ar");
    }

    @Test
    void markupAndTemplateSyntaxStayVerbatimText() {
        String text = "---\ntitle: \"<script>alert(1)</script> {{ name }}\"\nworkflow: standard\n"
                + "parties:\n  - name: ${HOME}\n    signatory: <b>Bold</b>\n---\n"
                + "<script>alert('x')</script>\n{{ 7*7 }} ${jndi:ldap://example.invalid/a} <!ENTITY x SYSTEM \"file:///etc/passwd\">\n";

        Draft draft = parser.parse(text.getBytes(StandardCharsets.UTF_8), "d.md");

        assertThat(draft.title()).isEqualTo("<script>alert(1)</script> {{ name }}");
        assertThat(draft.parties().get(0).name()).isEqualTo("${HOME}");
        assertThat(draft.parties().get(0).signatory()).isEqualTo("<b>Bold</b>");
        assertThat(draft.body()).isEqualTo("<script>alert('x')</script>\n{{ 7*7 }} ${jndi:ldap://example.invalid/a}"
                + " <!ENTITY x SYSTEM \"file:///etc/passwd\">\n");
    }

    @Test
    void yesAndNoAreTextUnderTheCoreSchema() {
        Draft draft = parser.parse("---\ntitle: yes\n---\nText\n".getBytes(StandardCharsets.UTF_8), "d.md");

        assertThat(draft.title()).isEqualTo("yes");
    }

    // ---- title ---------------------------------------------------------------------------------

    @Test
    void titleIsTheFirstNonEmptyLineWithHeadingMarksRemoved() {
        Draft draft = parser.parse("\n\n  ##   Memorandum of Understanding ##\n\nText\n".getBytes(StandardCharsets.UTF_8),
                "d.md");

        assertThat(draft.title()).isEqualTo("Memorandum of Understanding");
    }

    @Test
    void aDraftOfOnlyHeadingMarksIsReadWithTheMarksAsItsTitle() {
        // found by DraftFuzzTest: "\n\n#" failed with a NullPointerException
        assertThat(parser.parse("\n\n#".getBytes(StandardCharsets.UTF_8), "d.md").title()).isEqualTo("#");
        assertThat(parser.parse("## \n*\n".getBytes(StandardCharsets.UTF_8), "d.txt").title()).isEqualTo("*");
    }

    @Test
    void titleSkipsLinesWithoutLettersOrDigits() {
        Draft draft = parser.parse("***\n#\n* * *\nمذكرة تفاهم\n".getBytes(StandardCharsets.UTF_8), "d.txt");

        assertThat(draft.title()).isEqualTo("مذكرة تفاهم");
    }

    @Test
    void longFirstLineBecomesATitleOfAtMost300CharactersEndingInAnEllipsis() {
        String line = "كلمة ".repeat(100).strip();

        String title = parser.parse((line + "\nText\n").getBytes(StandardCharsets.UTF_8), "d.txt").title();

        assertThat(title).endsWith("…");
        assertThat(title.codePointCount(0, title.length())).isLessThanOrEqualTo(300);
        String kept = title.substring(0, title.length() - 1);
        assertThat(line).startsWith(kept);
        assertThat(line.charAt(kept.length())).as("cut at a word boundary").isEqualTo(' ');
        assertThat(kept).endsWith("كلمة");
    }

    @Test
    void frontMatterTitleWinsOverTheFirstLine() {
        Draft draft = parser.parse("---\ntitle: The Title\n---\n# Heading\n".getBytes(StandardCharsets.UTF_8), "d.md");

        assertThat(draft.title()).isEqualTo("The Title");
    }

    // ---- language ------------------------------------------------------------------------------

    @Test
    void languageIsArabicWhenArabicLettersAreTheMajority() {
        Draft draft = parser.parse("مذكرة تفاهم بين Morocco و Denmark بشأن التعاون\n".getBytes(StandardCharsets.UTF_8),
                "d.txt");

        assertThat(draft.language()).isEqualTo("ar");
    }

    @Test
    void languageIsEnglishWhenLatinLettersAreTheMajority() {
        Draft draft = parser.parse("Memorandum between المغرب and Denmark on cooperation\n".getBytes(StandardCharsets.UTF_8),
                "d.txt");

        assertThat(draft.language()).isEqualTo("en");
        assertThat(draft.rightToLeft()).isFalse();
    }

    @Test
    void frontMatterLanguageWinsOverDetection() {
        Draft draft = parser.parse("---\nlanguage: fr\n---\nمذكرة تفاهم\n".getBytes(StandardCharsets.UTF_8), "d.md");

        assertThat(draft.language()).isEqualTo("fr");
    }

    @Test
    void arabicFrontMatterTitleCountsTowardsTheLanguage() {
        Draft draft = parser.parse("---\ntitle: مذكرة تفاهم بشأن التعاون الأمني\n---\nMOU 1\n".getBytes(StandardCharsets.UTF_8),
                "d.md");

        assertThat(draft.language()).isEqualTo("ar");
    }

    // ---- encodings -----------------------------------------------------------------------------

    @Test
    void utf8WithByteOrderMarkLosesTheMarkAndKeepsFrontMatter() {
        byte[] bytes = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                PRODUCT_EXAMPLE.getBytes(StandardCharsets.UTF_8));

        Draft draft = parser.parse(bytes, "d.md");

        assertThat(draft.charset()).isEqualTo("UTF-8");
        assertThat(draft.reference()).isEqualTo("MOU-2026-0007");
        assertThat(draft.body()).doesNotContain("\uFEFF");
    }

    @Test
    void utf16LittleEndianWithByteOrderMarkIsRead() {
        byte[] bytes = concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
                PRODUCT_EXAMPLE.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_16LE));

        Draft draft = parser.parse(bytes, "d.md");

        assertThat(draft.charset()).isEqualTo("UTF-16LE");
        assertThat(draft.title()).isEqualTo("مذكرة تفاهم بشأن التعاون الأمني");
        assertThat(draft.body()).isEqualTo("# مذكرة تفاهم\n\nاتفق الطرفان على ما يلي.\n");
    }

    @Test
    void utf16BigEndianWithByteOrderMarkIsRead() {
        String text = pastedArticle();
        byte[] bytes = concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, text.getBytes(StandardCharsets.UTF_16BE));

        Draft draft = parser.parse(bytes, "d.txt");

        assertThat(draft.charset()).isEqualTo("UTF-16BE");
        assertThat(draft.body()).isEqualTo(text);
    }

    @Test
    void longMemorandumInUtf16LittleEndianWithByteOrderMarkIsRead() {
        String text = Fixtures.text(Fixtures.LONG_MOU);
        byte[] bytes = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_16LE));

        Draft draft = parser.parse(bytes, "d.md");

        assertThat(draft.charset()).isEqualTo("UTF-16LE");
        assertThat(draft.body()).isEqualTo(Fixtures.body(Fixtures.LONG_MOU));
        assertThat(draft.parties()).hasSize(2);
    }

    @Test
    void windows1256ArabicIsDetected() {
        String text = pastedArticle();

        Draft draft = parser.parse(encoded(text, "windows-1256"), "d.txt");

        assertThat(draft.charset()).isEqualTo("windows-1256");
        assertThat(draft.body()).isEqualTo(text);
        assertThat(draft.language()).isEqualTo("ar");
    }

    /** Guillemets, Arabic semicolons and question marks are in windows-1256 (not in ISO-8859-6). */
    @Test
    void longMemorandumInWindows1256WithGuillemetsAndFrontMatterIsDetected() {
        String text = Fixtures.text(Fixtures.LONG_MOU);

        Draft draft = parser.parse(encoded(text, "windows-1256"), "d.md");

        assertThat(draft.charset()).isEqualTo("windows-1256");
        assertThat(draft.body()).isEqualTo(Fixtures.body(Fixtures.LONG_MOU)).contains("«", "»", "؛", "؟");
        assertThat(draft.parties()).extracting(Party::signatory).containsExactly("سليم بن عاشور", "هالة الزين");
    }

    @Test
    void iso88596ArabicIsDetected() {
        String text = pastedArticle();

        Draft draft = parser.parse(encoded(text, "ISO-8859-6"), "d.txt");

        assertThat(draft.charset()).isEqualTo("ISO-8859-6");
        assertThat(draft.body()).isEqualTo(text);
    }

    @Test
    void markdownTableDraftInIso88596IsDetected() {
        String text = Fixtures.text(Fixtures.TABLE);

        Draft draft = parser.parse(encoded(text, "ISO-8859-6"), "d.md");

        assertThat(draft.charset()).isEqualTo("ISO-8859-6");
        assertThat(draft.body()).isEqualTo(Fixtures.body(Fixtures.TABLE));
    }

    @Test
    void shortLegacyArabicFrontMatterAndBodyAreDetectedInBothEncodings() {
        String text = "---\ntitle: مذكرة تفاهم\nparties:\n  - name: وزارة الداخلية\n---\nالطقس جميل هذا اليوم في الرباط\n";
        for (String charset : new String[] {"windows-1256", "ISO-8859-6"}) {
            Draft draft = parser.parse(text.getBytes(Charset.forName(charset)), "d.md");

            assertThat(draft.charset()).as(charset).isEqualTo(charset);
            assertThat(draft.title()).isEqualTo("مذكرة تفاهم");
            assertThat(draft.parties().get(0).name()).isEqualTo("وزارة الداخلية");
            assertThat(draft.body()).isEqualTo("الطقس جميل هذا اليوم في الرباط\n");
        }
    }

    @Test
    void fileNameExtensionIsCaseInsensitiveAndMarkdownIsAccepted() {
        for (String name : new String[] {"A.MD", "b.Markdown", "c.TXT", "dir/x.y/draft.txt", "C:\\Drafts\\mou.md"}) {
            assertThat(parser.parse("Text\n".getBytes(StandardCharsets.UTF_8), name).body()).as(name).isEqualTo("Text\n");
        }
    }

    @Test
    void tabsAndInvisibleDirectionMarksInTheBodyAreKept() {
        String text = "Item\tvalue\n\u200Fمذكرة\u200E (MOU)\n";

        assertThat(parser.parse(text.getBytes(StandardCharsets.UTF_8), "d.txt").body()).isEqualTo(text);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
