package io.memoflow.draft;

import io.memoflow.RejectedInputException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Each kind of input memoflow refuses, and that the reason says specifically what is wrong. */
class DraftRejectionTest {

    final DraftParser parser = new DraftParser(DraftLimits.DEFAULT);

    RejectedInputException rejected(byte[] bytes, String name) {
        RejectedInputException e = catchThrowableOfType(RejectedInputException.class, () -> parser.parse(bytes, name));
        assertThat(e).as("expected a rejection").isNotNull();
        assertThat(e.advice()).as("advice for " + e.reason()).isNotBlank();
        assertThat(e.report()).contains(e.reason()).contains("What to do: " + e.advice());
        return e;
    }

    RejectedInputException rejected(String text) {
        return rejected(text.getBytes(StandardCharsets.UTF_8), "draft.md");
    }

    // ---- kind, size, emptiness -----------------------------------------------------------------

    @Test
    void anOlderWordDocIsRejectedWithAdviceToSaveItAsDocx() {
        RejectedInputException e = rejected("Text".getBytes(StandardCharsets.UTF_8), "memo.doc");

        assertThat(e.reason()).isEqualTo("The draft is a .doc file, which memoflow does not read.");
        assertThat(e.advice()).startsWith("memoflow reads Word documents in the .docx format").contains("Word Document (.docx)");
    }

    @Test
    void aFileNamedPdfThatIsNotAPdfIsRejectedSayingSo() {
        RejectedInputException e = rejected("Text".getBytes(StandardCharsets.UTF_8), "memo.PDF");

        assertThat(e.reason()).isEqualTo("The file is named as a PDF document but it is not one: it does not start with %PDF-.");
    }

    @Test
    void fileNameWithoutExtensionOrWithADisguisedOneIsRejected() {
        assertThat(rejected("Text".getBytes(StandardCharsets.UTF_8), "README").reason())
                .contains("has no extension");
        assertThat(rejected("Text".getBytes(StandardCharsets.UTF_8), "memo.txt.exe").reason())
                .isEqualTo("The draft is a .exe file, which memoflow does not read.");
        assertThat(rejected("Text".getBytes(StandardCharsets.UTF_8), null).reason()).contains("has no extension");
        assertThat(rejected("Text".getBytes(StandardCharsets.UTF_8), "x.t\u0000xt").reason())
                .isEqualTo("The draft is a file of a kind memoflow does not know, which memoflow does not read.");
    }

    @Test
    void oversizedDraftIsRejectedWithBothSizes() {
        DraftParser small = new DraftParser(new DraftLimits(1024, 512, 8, 20, 50));
        byte[] bytes = "a".repeat(3000).getBytes(StandardCharsets.UTF_8);

        RejectedInputException e = catchThrowableOfType(RejectedInputException.class, () -> small.parse(bytes, "d.txt"));

        assertThat(e.reason()).isEqualTo("The draft is 2.9 KB; memoflow accepts drafts of at most 1 KB.");
    }

    @Test
    void draftOneByteOverTheLimitShowsExactByteCounts() {
        DraftParser small = new DraftParser(new DraftLimits(2048, 512, 8, 20, 50));

        RejectedInputException e = catchThrowableOfType(RejectedInputException.class,
                () -> small.parse(new byte[2049], "d.txt"));

        assertThat(e.reason()).isEqualTo("The draft is 2,049 bytes; memoflow accepts drafts of at most 2,048 bytes.");
    }

    @Test
    void emptyFileIsRejected() {
        assertThat(rejected(new byte[0], "d.txt").reason()).isEqualTo("The file is empty (0 bytes).");
    }

    @Test
    void whitespaceOnlyFileIsRejected() {
        assertThat(rejected(" \n\t\r\n \u00A0\u200F\n".getBytes(StandardCharsets.UTF_8), "d.txt").reason())
                .isEqualTo("The file contains only spaces and blank lines: there is no text in it.");
        assertThat(rejected(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, ' ', '\n'}, "d.txt").reason())
                .isEqualTo("The file contains only spaces and blank lines: there is no text in it.");
    }

    @Test
    void frontMatterWithoutBodyIsRejectedAsHavingNoText() {
        RejectedInputException e = rejected("---\ntitle: Memo\n---\n\n   \n");

        assertThat(e.reason()).isEqualTo("The draft has no text: there is front matter (the part between the --- lines)"
                + " but nothing below it.");
    }

    // ---- binary and encodings ------------------------------------------------------------------

    @Test
    void pdfRenamedToTxtIsRecognisedByItsSignature() {
        RejectedInputException e = rejected("%PDF-1.7\n%âãÏÓ\n1 0 obj".getBytes(StandardCharsets.ISO_8859_1), "memo.txt");

        assertThat(e.reason()).isEqualTo("This looks like a PDF document, not a text draft.");
    }

    @Test
    void wordDocumentRenamedToMdIsRecognisedAsAZipArchive() {
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0, 0, 0, 33, 0};

        assertThat(rejected(zip, "memo.md").reason())
                .isEqualTo("This looks like a ZIP archive (Word .docx and OpenDocument .odt files are ZIP archives too),"
                        + " not a text draft.");
    }

    @Test
    void imagesAndProgramsAreRecognisedByTheirSignatures() {
        assertThat(rejected(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0}, "a.txt").reason())
                .isEqualTo("This looks like a PNG image, not a text draft.");
        assertThat(rejected(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16}, "a.txt").reason())
                .isEqualTo("This looks like a JPEG image, not a text draft.");
        assertThat(rejected(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0}, "a.txt").reason())
                .isEqualTo("This looks like a program file (Linux executable), not a text draft.");
        assertThat(rejected(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
                (byte) 0xE1, 0}, "a.txt").reason())
                .isEqualTo("This looks like an older Microsoft Office document (.doc, .xls or .msg), not a text draft.");
    }

    @Test
    void textThatMerelyStartsLikeASignatureIsNotMistakenForOne() {
        assertThat(parser.parse("MZ is a postal code\n".getBytes(StandardCharsets.UTF_8), "a.txt").title())
                .isEqualTo("MZ is a postal code");
        assertThat(parser.parse("PK stands for Pakistan\n".getBytes(StandardCharsets.UTF_8), "a.txt").title())
                .isEqualTo("PK stands for Pakistan");
    }

    @Test
    void fileWithNulBytesIsRejectedAsBinary() {
        byte[] bytes = "Memo text\u0000\u0001\u0002 more".getBytes(StandardCharsets.UTF_8);

        assertThat(rejected(bytes, "d.txt").reason()).isEqualTo("This looks like a binary file, not a text draft: it"
                + " contains NUL (zero) bytes, which text files do not have.");
    }

    @Test
    void fileFullOfControlCharactersIsRejectedAsBinary() {
        byte[] bytes = new byte[200];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i % 3 == 0 ? 0x01 + i % 7 : 'a');
        }

        assertThat(rejected(bytes, "d.txt").reason()).startsWith("This looks like a binary file, not a text draft: 67 of"
                + " its 200 characters are invisible control characters.");
    }

    @Test
    void utf16WithoutByteOrderMarkIsRejectedClearly() {
        assertThat(rejected("Memorandum of understanding\n".getBytes(StandardCharsets.UTF_16LE), "d.txt").reason())
                .isEqualTo("The file seems to be UTF-16 text without a byte order mark, so memoflow cannot tell for sure"
                        + " how to read it.");
        assertThat(rejected("مذكرة تفاهم\n".getBytes(StandardCharsets.UTF_16BE), "d.txt").reason())
                .startsWith("The file seems to be UTF-16 text without a byte order mark");
    }

    @Test
    void utf16ByteOrderMarkFollowedByBrokenTextIsRejected() {
        byte[] bytes = {(byte) 0xFF, (byte) 0xFE, 'A', 0, '\n', 0, 0x00, (byte) 0xD8, 'B', 0}; // lone high surrogate

        assertThat(rejected(bytes, "d.txt").reason()).isEqualTo("The file starts with the mark of UTF-16 text, but the"
                + " text after it is not valid UTF-16 (the first problem is on line 2): the file may be damaged or cut off.");
    }

    @Test
    void utf32IsRejected() {
        byte[] bytes = DraftParserTest.concat(new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF},
                "Memo".getBytes(java.nio.charset.Charset.forName("UTF-32BE")));

        assertThat(rejected(bytes, "d.txt").reason()).isEqualTo("The file is in UTF-32 encoding, which memoflow does not read.");
    }

    @Test
    void truncatedUtf8IsRejectedAsCutOff() {
        byte[] full = "مذكرة تفاهم بشأن التعاون".getBytes(StandardCharsets.UTF_8);

        assertThat(rejected(Arrays.copyOf(full, full.length - 1), "d.txt").reason())
                .isEqualTo("The file ends in the middle of a character: it seems to have been cut off.");
    }

    @Test
    void damagedUtf8ThatIsNotLegacyArabicEitherIsRejectedWithTheLine() {
        String text = "سطر أول\nسطر ثان\nسطر ثالث فيه خطأ\nسطر رابع\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        bytes["سطر أول\nسطر ثان\n".getBytes(StandardCharsets.UTF_8).length + 1] = (byte) 0xFF;

        assertThat(rejected(bytes, "d.txt").reason()).isEqualTo("The file's text is not in an encoding memoflow can"
                + " recognise: it is not valid UTF-8 (the first problem is on line 3) and it does not read as Arabic text"
                + " in windows-1256 or ISO-8859-6 either.");
    }

    @Test
    void germanWindows1252TextIsRejectedRatherThanMisreadAsArabic() {
        byte[] bytes = "Grüße aus der Straße, schön".getBytes(java.nio.charset.Charset.forName("windows-1252"));

        assertThat(rejected(bytes, "d.txt").reason()).startsWith("The file's text is not in an encoding memoflow can"
                + " recognise");
    }

    @Test
    void controlCharacterInTheTextIsRejectedWithLineAndColumn() {
        RejectedInputException e = rejected("First line\nSecond\fpage\n");

        assertThat(e.reason()).isEqualTo("Line 2, column 7 contains an invisible control character (U+000C, form feed,"
                + " a page break).");
    }

    @Test
    void escapeAndC1ControlsAreRejected() {
        assertThat(rejected("Text \u001B[31mred\n").reason())
                .isEqualTo("Line 1, column 6 contains an invisible control character (U+001B, escape).");
        assertThat(rejected("Text\u0085more\n").reason())
                .isEqualTo("Line 1, column 5 contains an invisible control character (U+0085, next line).");
    }

    // ---- front matter structure ----------------------------------------------------------------

    @Test
    void unclosedFrontMatterIsRejected() {
        RejectedInputException e = rejected("---\ntitle: Memo\n\nThe text of the memorandum.\n");

        assertThat(e.reason()).isEqualTo("The front matter that starts with the --- on line 1 is never closed: there is"
                + " no line with only --- after it.");
    }

    @Test
    void frontMatterBelowBlankLinesIsRejectedRatherThanReadAsText() {
        RejectedInputException e = rejected("\n\n---\ntitle: Memo\n---\nText\n");

        assertThat(e.reason()).isEqualTo("The front matter must begin on the very first line of the file, but its first"
                + " --- is on line 3.");
    }

    @Test
    void brokenYamlIsRejectedWithTheLineInTheFile() {
        RejectedInputException e = rejected("---\ntitle: Memo\nauthor: a@b.example\nworkflow: note: review\n---\nText\n");

        assertThat(e.reason()).startsWith("The front matter cannot be read: there is a mistake on line 4 of the file"
                + " (a colon followed by a space inside a value; put that value in double quotes).");
    }

    @Test
    void unclosedQuoteInYamlIsRejectedWithItsLine() {
        RejectedInputException e = rejected("---\ntitle: \"Memo\nauthor: a@b.example\n---\nText\n");

        assertThat(e.reason()).startsWith("The front matter cannot be read: there is a mistake on line");
        assertThat(e.reason()).contains("quote");
    }

    @Test
    void unclosedBracketIsExplained() {
        assertThat(rejected("---\nreviewers: [a@b.example\n---\nText\n").reason()).startsWith("The front matter cannot be"
                + " read: there is a mistake on line 3 of the file (a [ or { that is never closed).");
    }

    @Test
    void keysThatAreNotWordsAreRejected() {
        assertThat(rejected("---\n? [a]\n: b\n---\nText\n").reason())
                .isEqualTo("The front matter has a key that is a list (line 2); keys must be words such as title.");
        assertThat(rejected("---\n~: b\n---\nText\n").reason())
                .isEqualTo("The front matter has a key that is empty (line 2); keys must be words such as title.");
    }

    @Test
    void tabIndentationIsExplained() {
        RejectedInputException e = rejected("---\nparties:\n\t- name: A\n---\nText\n");

        assertThat(e.reason()).startsWith("The front matter cannot be read: there is a mistake on line 3 of the file (a tab"
                + " character: indent with spaces, not tabs).");
    }

    @Test
    void frontMatterThatIsNotKeyValueLinesIsRejected() {
        assertThat(rejected("---\n- a\n- b\n---\nText\n").reason()).isEqualTo("The front matter (between the --- lines at"
                + " the top) must be \"key: value\" lines, but it is a list.");
        assertThat(rejected("---\nJust some words\n---\nText\n").reason()).isEqualTo("The front matter (between the ---"
                + " lines at the top) must be \"key: value\" lines, but it is the text \"Just some words\".");
    }

    @Test
    void unknownKeyIsRejectedNamingItWithASuggestionAndTheKnownKeys() {
        RejectedInputException e = rejected("---\ntitle: Memo\nreviewer: legal@x.example\n---\nText\n");

        assertThat(e.reason()).isEqualTo("The front matter has an unknown key: \"reviewer\" (line 3). For \"reviewer\", did"
                + " you mean \"reviewers\"?");
        assertThat(e.advice()).startsWith("The keys memoflow knows are: title, reference, language, workflow, author,"
                + " parties, reviewers, cc.");
    }

    @Test
    void severalUnknownKeysAreAllNamed() {
        RejectedInputException e = rejected("---\nTitle: Memo\nfoo: bar\n---\nText\n");

        assertThat(e.reason()).isEqualTo("The front matter has unknown keys: \"Title\" (line 2), \"foo\" (line 3). For"
                + " \"Title\", did you mean \"title\"?");
    }

    @Test
    void unknownPartyKeyIsRejected() {
        RejectedInputException e = rejected("---\nparties:\n  - name: A\n    mail: a@b.example\n---\nText\n");

        assertThat(e.reason()).isEqualTo("In the front matter, party 1 has an unknown key: \"mail\" (line 4). For \"mail\","
                + " did you mean \"email\"?");
        assertThat(e.advice()).startsWith("A party's keys are: name, signatory, title, email.");
    }

    @Test
    void duplicateKeyIsRejectedWithBothLines() {
        assertThat(rejected("---\ntitle: A\nauthor: a@b.example\ntitle: B\n---\nText\n").reason())
                .isEqualTo("The front matter has \"title\" twice (lines 2 and 4).");
    }

    @Test
    void numberWhereTextIsExpectedIsRejectedNamingKeyAndShape() {
        RejectedInputException e = rejected("---\ntitle: 2026\n---\nText\n");

        assertThat(e.reason()).isEqualTo("In the front matter, \"title\" (line 2) must be a single line of text, but it is"
                + " a number (2026).");
        assertThat(e.advice()).contains("title: \"2026\"");
    }

    @Test
    void listOrGroupWhereTextIsExpectedIsRejected() {
        assertThat(rejected("---\nauthor: [a@b.example, c@d.example]\n---\nText\n").reason())
                .isEqualTo("In the front matter, \"author\" (line 2) must be a single line of text, but it is a list.");
        assertThat(rejected("---\ntitle:\n  en: Memo\n---\nText\n").reason())
                .isEqualTo("In the front matter, \"title\" (line 3) must be a single line of text, but it is a group of"
                        + " \"key: value\" lines.");
        assertThat(rejected("---\nworkflow: true\n---\nText\n").reason())
                .isEqualTo("In the front matter, \"workflow\" (line 2) must be a single line of text, but it is a yes/no"
                        + " value (true).");
    }

    @Test
    void partiesOfTheWrongShapeAreRejected() {
        assertThat(rejected("---\nparties:\n  name: A\n---\nText\n").reason())
                .isEqualTo("In the front matter, \"parties\" (line 3) must be a list of parties, but it is a group of"
                        + " \"key: value\" lines.");
        assertThat(rejected("---\nparties:\n  - [A, B]\n---\nText\n").reason())
                .isEqualTo("In the front matter, party 1 (line 3) must be a group of name, signatory, title and email"
                        + " lines, but it is a list.");
        assertThat(rejected("---\nparties:\n  - signatory: X\n---\nText\n").reason())
                .isEqualTo("In the front matter, party 1 (line 3) has no name.");
    }

    @Test
    void reviewersOfTheWrongShapeAreRejected() {
        assertThat(rejected("---\nreviewers:\n  a: b\n---\nText\n").reason())
                .isEqualTo("In the front matter, \"reviewers\" (line 3) must be a list of e-mail addresses, but it is a"
                        + " group of \"key: value\" lines.");
        assertThat(rejected("---\ncc:\n  - a@b.example\n  - 42\n---\nText\n").reason())
                .isEqualTo("In the front matter, entry 2 of \"cc\" (line 4) must be an e-mail address, but it is a number"
                        + " (42).");
        assertThat(rejected("---\ncc:\n  - a@b.example\n  -\n---\nText\n").reason())
                .isEqualTo("In the front matter, entry 2 of \"cc\" (line 4) is empty.");
    }

    @Test
    void billionLaughsAliasBombIsRejectedAtTheFirstAnchor() {
        StringBuilder yaml = new StringBuilder("---\nlol0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (int i = 1; i < 10; i++) {
            yaml.append("lol").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                yaml.append(j == 0 ? "" : ",").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }
        yaml.append("title: *a9\n---\nText\n");

        assertThat(rejected(yaml.toString()).reason()).isEqualTo("The front matter uses a YAML anchor or alias (& or *) on"
                + " line 2; memoflow does not accept them.");
    }

    @Test
    void aliasWithoutAnchorIsRejectedToo() {
        assertThat(rejected("---\ntitle: *ref\n---\nText\n").reason())
                .isEqualTo("The front matter uses a YAML anchor or alias (& or *) on line 2; memoflow does not accept them.");
    }

    @Test
    void valueStartingWithAReservedCharacterIsExplained() {
        RejectedInputException e = rejected("---\ntitle: *Important*\n---\nText\n");

        assertThat(e.reason()).startsWith("The front matter cannot be read: there is a mistake on line 2 of the file (a"
                + " value starting with a character YAML reserves; put that value in double quotes).");
        assertThat(rejected("---\nauthor: @dgsn\n---\nText\n").reason()).startsWith("The front matter cannot be read:"
                + " there is a mistake on line 2 of the file (a value starting with a character YAML reserves");
    }

    @Test
    void deepNestingIsRejectedBeforeItCanOverflowTheStack() {
        String deep = "[".repeat(5000) + "]".repeat(5000);

        assertThat(rejected("---\ntitle: " + deep + "\n---\nText\n").reason())
                .isEqualTo("The front matter has lists or groups nested more than 8 levels deep (line 2).");
    }

    @Test
    void yamlTagsAreRejected() {
        assertThat(rejected("---\ntitle: !!binary aGVsbG8=\n---\nText\n").reason())
                .isEqualTo("The front matter uses a YAML tag (\"!!binary\") on line 2; memoflow does not"
                        + " accept tags.");
        assertThat(rejected("---\ntitle: !ENV ${HOME}\n---\nText\n").reason())
                .startsWith("The front matter uses a YAML tag (\"!ENV\") on line 2");
    }

    @Test
    void oversizedFrontMatterIsRejected() {
        DraftParser small = new DraftParser(new DraftLimits(1_000_000, 1024, 8, 20, 50));
        String text = "---\ntitle: " + "x".repeat(2000) + "\n---\nText\n";

        RejectedInputException e = catchThrowableOfType(RejectedInputException.class,
                () -> small.parse(text.getBytes(StandardCharsets.UTF_8), "d.md"));

        assertThat(e.reason()).isEqualTo("The front matter (between the --- lines) is 2 KB; memoflow accepts at most 1 KB.");
    }

    @Test
    void tooManyPartiesOrAddressesAreRejected() {
        DraftParser small = new DraftParser(new DraftLimits(1_000_000, 65536, 8, 2, 3));
        String parties = "---\nparties: [A, B, C]\n---\nText\n";
        String reviewers = "---\nreviewers: a@x.example, b@x.example, c@x.example, d@x.example\n---\nText\n";

        assertThat(catchThrowableOfType(RejectedInputException.class,
                () -> small.parse(parties.getBytes(StandardCharsets.UTF_8), "d.md")).reason())
                .isEqualTo("The front matter lists 3 parties; memoflow accepts at most 2.");
        assertThat(catchThrowableOfType(RejectedInputException.class,
                () -> small.parse(reviewers.getBytes(StandardCharsets.UTF_8), "d.md")).reason())
                .isEqualTo("The front matter lists 4 addresses in \"reviewers\"; memoflow accepts at most 3.");
    }

    // ---- field values --------------------------------------------------------------------------

    @Test
    void badEmailAddressesAreRejectedSayingWhatIsWrong() {
        assertThat(rejected("---\nauthor: secretariat@dgsn\n---\nText\n").reason())
                .isEqualTo("The e-mail address \"secretariat@dgsn\" given for author is not valid: the part after the @"
                        + " must be a domain name with a dot, like example.ma.");
        assertThat(rejected("---\nreviewers: [legal@x.example, Legal Office <legal@x.example>]\n---\nText\n").reason())
                .isEqualTo("The e-mail address \"Legal Office <legal@x.example>\" given for reviewers (entry 2) is not"
                        + " valid: write only the address, without a name and without the < > around it.");
        assertThat(rejected("---\ncc: a@@b.example\n---\nText\n").reason())
                .endsWith("is not valid: it has more than one @.");
        assertThat(rejected("---\ncc: ab.example\n---\nText\n").reason()).endsWith("is not valid: it has no @.");
        assertThat(rejected("---\ncc: \"a b@c.example\"\n---\nText\n").reason()).endsWith("is not valid: it contains a"
                + " space.");
        assertThat(rejected("---\nparties:\n  - name: A\n    email: x@y..example\n---\nText\n").reason())
                .isEqualTo("The e-mail address \"x@y..example\" given for party 1 is not valid: the part after the @,"
                        + " \"y..example\", is not a valid domain name.");
        assertThat(rejected("---\nauthor: \"" + "a".repeat(250) + "@b.example\"\n---\nText\n").reason())
                .endsWith("is not valid: it is longer than 254 characters.");
    }

    @Test
    void emailWithAnInvisibleDirectionMarkIsRejectedNamingIt() {
        RejectedInputException e = rejected("---\nauthor: \u200Fdg@dgsn.example.ma\n---\nText\n");

        assertThat(e.reason()).isEqualTo("The e-mail address \"[U+200F]dg@dgsn.example.ma\" given for author is not valid:"
                + " it contains an invisible character (U+200F, such as a direction mark copied with Arabic text).");
    }

    @Test
    void emailWithNonLatinCharactersIsRejected() {
        assertThat(rejected("---\nauthor: dg@dgsn.еxample.ma\n---\nText\n").reason()) // Cyrillic е
                .endsWith("it contains the character \"е\"; memoflow only accepts addresses written with plain Latin"
                        + " letters, digits and . _ - +.");
    }

    @Test
    void badReferenceIsRejectedShowingTheExpectedForm() {
        assertThat(rejected("---\nreference: MOU-26-7\n---\nText\n").reason())
                .isEqualTo("The reference \"MOU-26-7\" is not a memoflow reference: a reference looks like MOU-2026-0007"
                        + " (capital letters, a dash, the year, a dash, the number).");
        assertThat(rejected("---\nreference: mou-2026-0007\n---\nText\n").reason())
                .startsWith("The reference \"mou-2026-0007\" is not a memoflow reference (write the letters as capitals)");
        assertThat(rejected("---\nreference: MOU-٢٠٢٦-٠٠٠٧\n---\nText\n").reason())
                .contains("(write the digits as 0-9)");
        assertThat(rejected("---\nreference: MOU-2026-0007\\n\n---\nText\n").reason()).contains("is not a memoflow"
                + " reference");
    }

    @Test
    void badWorkflowAndLanguageAreRejected() {
        assertThat(rejected("---\nworkflow: standard review\n---\nText\n").reason())
                .isEqualTo("The workflow \"standard review\" is not a workflow name: a name is one word of at most 32"
                        + " letters, digits and dashes, starting with a letter, like standard.");
        assertThat(rejected("---\nlanguage: Arabic\n---\nText\n").reason())
                .isEqualTo("The language \"Arabic\" is not a language code: write a code such as ar (Arabic), en"
                        + " (English) or fr (French).");
        assertThat(rejected("---\nlanguage: xx\n---\nText\n").reason()).startsWith("The language \"xx\" is not a language"
                + " code");
    }

    @Test
    void controlCharactersInFieldsAreRejected() {
        assertThat(rejected("---\ntitle: \"Memo\\x07\"\n---\nText\n").reason())
                .isEqualTo("In the front matter, \"title\" contains an invisible control character (U+0007, bell) at character 5.");
        assertThat(rejected("---\nparties:\n  - name: \"A\\u0000B\"\n---\nText\n").reason())
                .isEqualTo("In the front matter, the name of party 1 contains an invisible control character (U+0000,"
                        + " NUL) at character 2.");
        assertThat(rejected("---\ntitle: |\n  Line one\n  Line two\n---\nText\n").reason())
                .isEqualTo("In the front matter, \"title\" must be on one line, but it has a line break.");
    }

    @Test
    void bidirectionalOverridesEmbeddingsAndIsolatesAreRejectedInFieldsNamingTheFieldAndPosition() {
        assertThat(rejected("---\ntitle: \"Invoice \\u202Egnp.exe\"\n---\nText\n").reason())
                .isEqualTo("In the front matter, \"title\" contains a bidirectional control (U+202E, right-to-left override)"
                        + " at character 9.");
        assertThat(rejected("---\nparties:\n  - name: \"A\\u202AB\"\n---\nText\n").reason())
                .isEqualTo("In the front matter, the name of party 1 contains a bidirectional control (U+202A, left-to-right"
                        + " embedding) at character 2.");
        assertThat(rejected("---\nparties:\n  - name: A\n    signatory: \"Mikael \\u2067Wern\"\n---\nText\n").reason())
                .isEqualTo("In the front matter, the signatory of party 1 contains a bidirectional control (U+2067,"
                        + " right-to-left isolate) at character 8.");
        assertThat(rejected("---\nparties:\n  - name: A\n    title: \"Director\\u2069\"\n---\nText\n").advice())
                .contains("what a reader sees is not what is written");
    }

    @Test
    void bidirectionalOverridesInTheTextAreRejectedWithLineAndColumn() {
        assertThat(rejected("First line\nPay 1000\u202E00 EUR\n").reason())
                .isEqualTo("Line 2, column 9 contains a bidirectional control (U+202E, right-to-left override).");
        assertThat(rejected("---\ntitle: Memo \u2066x\n---\nText\n").reason())
                .isEqualTo("Line 2, column 13 contains a bidirectional control (U+2066, left-to-right isolate).");
    }

    @Test
    void directionMarksAreTextAndKeptInTheTextAndTheTitle() {
        Draft d = parser.parse("---\ntitle: \"مذكرة 2026\u200F\"\n---\nالمادة 1\u200F: Article\u200E 1\n"
                .getBytes(StandardCharsets.UTF_8), "d.md");
        assertThat(d.title()).isEqualTo("مذكرة 2026\u200F");
        assertThat(d.body()).contains("المادة 1\u200F: Article\u200E 1");
    }

    @Test
    void overlongFrontMatterTitleIsRejectedNotCut() {
        assertThat(rejected("---\ntitle: " + "t".repeat(301) + "\n---\nText\n").reason())
                .isEqualTo("The title in the front matter is 301 characters long; memoflow accepts titles of at most 300"
                        + " characters.");
    }

    @Test
    void twoPartiesWithTheSameSignatoryAddressAreRefusedNamingBothLines() {
        RejectedInputException e = rejected("---\nparties:\n  - name: A\n    email: sig@a.example\n  - name: B\n    email: SIG@a.example\n"
                + "---\nText\n");
        assertThat(e.reason()).isEqualTo("In the front matter, party 1 (line 3) and party 2 (line 5) have the same signatory address"
                + " sig@a.example; one approval would sign for both.");
        assertThat(e.advice()).contains("its own signatory");
    }
}
