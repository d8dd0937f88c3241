package io.memoflow.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.geom.GeneralPath;
import java.awt.geom.PathIterator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.fontbox.ttf.GlyfCompositeComp;
import org.apache.fontbox.ttf.GlyfCompositeDescript;
import org.apache.fontbox.ttf.GlyphData;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * memoflow's own TrueType subsetter, checked by opening what it writes with fontbox and
 * comparing it with the packaged Amiri it was made from.
 */
class FontSubsetTest {

    private static byte[] amiri;
    private static TrueTypeFont source;
    private static FontSubset.Source parsed;
    /** Two simple glyphs and a composite one of Amiri. */
    private static int simple;
    private static int otherSimple;
    private static int composite;

    @BeforeAll
    static void loadAmiri() throws IOException {
        try (InputStream in = FontSubsetTest.class.getResourceAsStream("/fonts/Amiri-Regular.ttf")) {
            amiri = in.readAllBytes();
        }
        source = new TTFParser().parse(new RandomAccessReadBuffer(amiri));
        parsed = FontSubset.Source.parse(amiri, "Amiri-Regular.ttf");
        List<Integer> simples = new ArrayList<>();
        composite = -1;
        for (int g = 1; g < source.getNumberOfGlyphs() && (simples.size() < 2 || composite < 0); g++) {
            GlyphData glyph = source.getGlyph().getGlyph(g);
            if (glyph == null) {
                continue;
            }
            if (glyph.getDescription().isComposite()) {
                if (composite < 0 && ((GlyfCompositeDescript) glyph.getDescription()).getComponentCount() >= 2) {
                    composite = g;
                }
            } else if (glyph.getDescription().getPointCount() > 0 && g > 200) {
                simples.add(g);
            }
        }
        assertThat(composite).as("Amiri has a composite glyph of two components").isPositive();
        simple = simples.get(0);
        otherSimple = simples.get(1);
    }

    @AfterAll
    static void closeAmiri() throws IOException {
        source.close();
    }

    /** Writes a subset of the given CIDs (CID 0 is .notdef) and opens it with fontbox. */
    private static Written write(int[] gids, int[] width100) throws IOException {
        FontSubset.Result result = FontSubset.write(parsed, gids, width100);
        TrueTypeFont font = new TTFParser(true).parse(new RandomAccessReadBuffer(result.font()));
        return new Written(result, font);
    }

    private record Written(FontSubset.Result result, TrueTypeFont font) {
        int gid(int cid) {
            return result.gids()[cid];
        }
    }

    /** Amiri's own advance of a glyph, as a /W width times 100. */
    private static int ownWidth100(int gid) throws IOException {
        return Math.round(source.getAdvanceWidth(gid) * 1000f / source.getUnitsPerEm() * 100);
    }

    @Test
    void everyUsedGlyphKeepsItsOutlineAndSideBearing() throws IOException {
        int[] gids = {0, simple, otherSimple, composite, simple};
        int[] widths = {0, ownWidth100(simple), 31250, ownWidth100(composite), 0};
        Written w = write(gids, widths);
        for (int cid = 0; cid < gids.length; cid++) {
            assertThat(outline(w.font(), w.gid(cid))).as("outline of CID %d (glyph %d)", cid, gids[cid])
                    .isEqualTo(outline(source, gids[cid]));
            assertThat(w.font().getHorizontalMetrics().getLeftSideBearing(w.gid(cid))).as("lsb of CID %d", cid)
                    .isEqualTo(source.getHorizontalMetrics().getLeftSideBearing(gids[cid]));
        }
        assertSameData(glyphBytes(w.result().font(), w.gid(1)), glyphBytes(amiri, simple));
        assertSameData(glyphBytes(w.result().font(), w.gid(2)), glyphBytes(amiri, otherSimple));
    }

    @Test
    void theComponentsOfACompositeGlyphAreInTheSubsetAndReferredToByTheirNewGlyphIds() throws IOException {
        Written w = write(new int[] {0, composite}, new int[] {0, ownWidth100(composite)});
        List<GlyfCompositeComp> original = components(source, composite);
        List<GlyfCompositeComp> written = components(w.font(), w.gid(1));
        assertThat(written).hasSameSizeAs(original);
        for (int i = 0; i < original.size(); i++) {
            int gid = written.get(i).getGlyphIndex();
            assertThat(gid).as("component %d is in the subset", i).isBetween(1, w.font().getNumberOfGlyphs() - 1);
            assertThat(outline(w.font(), gid)).as("component %d is the same glyph", i)
                    .isEqualTo(outline(source, original.get(i).getGlyphIndex()));
        }
        assertThat(w.font().getNumberOfGlyphs()).as(".notdef, the composite glyph and its components")
                .isEqualTo(glyphsWithComponents(0, composite).size());
    }

    @Test
    void eachAdvanceTheWidthsGiveIsTheAdvanceOfTheCidsGlyphInFontUnits() throws IOException {
        int[] gids = {0, simple, simple, simple, composite, otherSimple, simple};
        int[] widths = {0, ownWidth100(simple), 0, 31250, 12345, 31250, 31250};
        Written w = write(gids, widths);
        for (int cid = 1; cid < gids.length; cid++) {
            int expected = Math.round(widths[cid] / 100f * source.getUnitsPerEm() / 1000f);
            assertThat(w.font().getAdvanceWidth(w.gid(cid))).as("advance of CID %d", cid).isEqualTo(expected);
        }
        assertThat(w.gid(1)).as("the font's own advance needs no copy").isLessThan(w.gid(2));
        assertThat(w.gid(6)).as("the same glyph and advance share one copy").isEqualTo(w.gid(3));
        assertThat(w.gid(2)).isNotEqualTo(w.gid(3));
        assertThat(w.font().getNumberOfGlyphs()).as(".notdef, the glyphs used, the composite's components, 4 copies")
                .isEqualTo(glyphsWithComponents(0, simple, otherSimple, composite).size() + 4);
    }

    @Test
    void theGlyphCountsOfMaxpHmtxAndLocaAgree() throws IOException {
        Written w = write(new int[] {0, simple, composite, otherSimple}, new int[] {0, 50000, 0, ownWidth100(otherSimple)});
        int glyphs = w.font().getMaximumProfile().getNumGlyphs();
        assertThat(w.font().getIndexToLocation().getOffsets()).hasSize(glyphs + 1);
        int metrics = w.font().getHorizontalHeader().getNumberOfHMetrics();
        assertThat(metrics).isBetween(1, glyphs);
        assertThat(tableLength(w.result().font(), "hmtx")).isEqualTo(4 * metrics + 2 * (glyphs - metrics));
        for (int g = 0; g < glyphs; g++) {
            assertThat(w.font().getGlyph().getGlyph(g)).as("glyph %d can be read", g).isNotNull();
        }
    }

    @Test
    void everyTableChecksumAndTheWholeFontsChecksumAreValid() throws IOException {
        byte[] font = write(new int[] {0, simple, composite}, new int[] {0, 1000, 2000}).result().font();
        ByteBuffer b = ByteBuffer.wrap(font);
        int tables = b.getShort(4);
        assertThat(tables).isGreaterThanOrEqualTo(6);
        for (int i = 0; i < tables; i++) {
            int record = 12 + 16 * i;
            String tag = new String(font, record, 4, StandardCharsets.ISO_8859_1);
            int offset = b.getInt(record + 8);
            int length = b.getInt(record + 12);
            byte[] data = Arrays.copyOfRange(font, offset, offset + (length + 3) / 4 * 4);
            if (tag.equals("head")) {
                ByteBuffer.wrap(data).putInt(8, 0); // the checksum of head is taken with checkSumAdjustment 0
            }
            assertThat(b.getInt(record + 4)).as("checksum of '%s'", tag).isEqualTo(checksum(data));
        }
        assertThat(checksum(font)).as("the whole font's checksum").isEqualTo(0xB1B0AFBA);
    }

    @Test
    void theHintingTablesOfAFontThatHasThemAreCopiedAsTheyAre() throws IOException {
        byte[] noto;
        try (InputStream in = FontSubsetTest.class.getResourceAsStream("/fonts/NotoSansHebrew-Regular.ttf")) {
            noto = in.readAllBytes();
        }
        byte[] font = FontSubset.write(FontSubset.Source.parse(noto, "NotoSansHebrew-Regular.ttf"), new int[] {0, 5, 6},
                new int[] {0, 0, 60000}).font();
        for (String tag : List.of("cvt ", "fpgm", "gasp", "prep")) {
            assertThat(bytes(table(font, tag))).as("'%s'", tag).isEqualTo(bytes(table(noto, tag)));
        }
        try (TrueTypeFont written = new TTFParser(true).parse(new RandomAccessReadBuffer(font))) {
            assertThat(written.getNumberOfGlyphs()).as(".notdef, 2 glyphs, a copy (and any components)").isGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void theSameCidsGiveTheSameBytes() {
        int[] gids = {0, otherSimple, composite, simple, simple};
        int[] widths = {0, 31250, 0, 1, 2};
        assertThat(FontSubset.write(parsed, gids, widths).font()).isEqualTo(FontSubset.write(parsed, gids, widths).font());
    }

    private static List<GlyfCompositeComp> components(TrueTypeFont font, int gid) throws IOException {
        GlyphData glyph = font.getGlyph().getGlyph(gid);
        assertThat(glyph.getDescription().isComposite()).as("glyph %d is composite", gid).isTrue();
        return ((GlyfCompositeDescript) glyph.getDescription()).getComponents();
    }

    /** The given glyphs of Amiri and the components of the composite ones among them, and theirs. */
    private static Set<Integer> glyphsWithComponents(int... gids) throws IOException {
        Set<Integer> all = new TreeSet<>();
        List<Integer> todo = new ArrayList<>(Arrays.stream(gids).boxed().toList());
        while (!todo.isEmpty()) {
            int g = todo.remove(todo.size() - 1);
            if (all.add(g) && source.getGlyph().getGlyph(g).getDescription().isComposite()) {
                components(source, g).forEach(c -> todo.add(c.getGlyphIndex()));
            }
        }
        return all;
    }

    /** Glyph data copied as it is: the same bytes, then at most the zeros that pad it to 4 bytes. */
    private static void assertSameData(byte[] written, byte[] original) {
        assertThat(written.length).isBetween(original.length, (original.length + 3) / 4 * 4);
        assertThat(Arrays.copyOf(written, original.length)).isEqualTo(original);
        for (int i = original.length; i < written.length; i++) {
            assertThat(written[i]).as("padding").isZero();
        }
    }

    /** A glyph's outline (components resolved) as a list of path segments. */
    private static List<String> outline(TrueTypeFont font, int gid) throws IOException {
        GlyphData glyph = font.getGlyph().getGlyph(gid);
        List<String> segments = new ArrayList<>();
        if (glyph == null) {
            return segments;
        }
        GeneralPath path = glyph.getPath();
        float[] coords = new float[6];
        for (PathIterator it = path.getPathIterator(null); !it.isDone(); it.next()) {
            int type = it.currentSegment(coords);
            segments.add(type + Arrays.toString(coords));
        }
        return segments;
    }

    /** A glyph's bytes in the 'glyf' table, found through 'loca' and 'head'. */
    private static byte[] glyphBytes(byte[] font, int gid) {
        boolean longLoca = table(font, "head").getShort(50) != 0;
        ByteBuffer loca = table(font, "loca");
        int start = longLoca ? loca.getInt(4 * gid) : (loca.getShort(2 * gid) & 0xFFFF) * 2;
        int end = longLoca ? loca.getInt(4 * gid + 4) : (loca.getShort(2 * gid + 2) & 0xFFFF) * 2;
        ByteBuffer glyf = table(font, "glyf");
        byte[] data = new byte[end - start];
        glyf.get(start, data);
        return data;
    }

    private static ByteBuffer table(byte[] font, String tag) {
        ByteBuffer b = ByteBuffer.wrap(font);
        for (int i = 0; i < b.getShort(4); i++) {
            int record = 12 + 16 * i;
            if (new String(font, record, 4, StandardCharsets.ISO_8859_1).equals(tag)) {
                return ByteBuffer.wrap(font, b.getInt(record + 8), b.getInt(record + 12)).slice();
            }
        }
        throw new AssertionError("no '" + tag + "' table");
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] data = new byte[b.remaining()];
        b.get(0, data);
        return data;
    }

    private static int tableLength(byte[] font, String tag) {
        return table(font, tag).remaining();
    }

    private static int checksum(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data);
        int sum = 0;
        for (int i = 0; i + 4 <= data.length; i += 4) {
            sum += b.getInt(i);
        }
        return sum;
    }
}
