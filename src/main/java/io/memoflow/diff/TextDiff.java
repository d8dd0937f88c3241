package io.memoflow.diff;

import io.memoflow.diff.Redline.Change;
import io.memoflow.diff.Redline.Kind;
import io.memoflow.diff.Redline.Paragraph;
import io.memoflow.diff.Redline.Piece;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares two versions of a text word by word. Paragraphs are the text between blank lines.
 * Paragraphs that are the same in both, in the same order, are matched first (longest common
 * subsequence); between two such anchors, an old and a new paragraph that share at least half
 * their words are one paragraph edited; a paragraph left over that reappears elsewhere (the same
 * text, or mostly the same words) is moved; the rest is deleted or inserted. Inside an edited
 * paragraph, words are compared as typed, after canonical (NFC) normalisation only: the same
 * harakat typed in another order are the same word; a different haraka, an added or removed
 * clitic (و ف ب ل ك ال) or attached punctuation make a different word.
 */
public final class TextDiff {

    /** Share of common words above which two paragraphs in the same place are one paragraph edited. */
    static final double EDITED = 0.5;
    /** Share of common words above which a paragraph found elsewhere is the same paragraph moved. */
    static final double MOVED = 0.8;
    /** Above this many words times words, paragraphs are compared as wholes (a deleted and an inserted paragraph). */
    private static final long MAX_CELLS = 4_000_000L;

    private TextDiff() {
    }

    /** A paragraph of one version: its words and its number. */
    private record Para(int number, List<String> spaces, List<String> words, List<String> keys, String key) {
    }

    public static Redline compare(String oldText, String newText) {
        List<Para> olds = paragraphs(oldText);
        List<Para> news = paragraphs(newText);
        int n = olds.size();
        int m = news.size();
        // anchors: paragraphs the same, in the same order
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = olds.get(i).key.equals(news.get(j).key) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int[] newOfOld = new int[n];
        int[] oldOfNew = new int[m];
        Arrays.fill(newOfOld, -1);
        Arrays.fill(oldOfNew, -1);
        boolean[] anchor = new boolean[m];
        for (int i = 0, j = 0; i < n && j < m; ) {
            if (olds.get(i).key.equals(news.get(j).key)) {
                newOfOld[i] = j;
                oldOfNew[j] = i;
                anchor[j] = true;
                i++;
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                i++;
            } else {
                j++;
            }
        }
        // between anchors: edited paragraphs, in order
        int i0 = 0;
        int j0 = 0;
        for (int j = 0; j <= m; j++) {
            if (j == m || anchor[j]) {
                int i1 = j == m ? n : oldOfNew[j];
                int from = i0;
                for (int jj = j0; jj < j; jj++) {
                    for (int ii = from; ii < i1; ii++) {
                        if (newOfOld[ii] < 0 && similarity(olds.get(ii), news.get(jj)) >= EDITED) {
                            newOfOld[ii] = jj;
                            oldOfNew[jj] = ii;
                            from = ii + 1;
                            break;
                        }
                    }
                }
                if (j < m) {
                    i0 = i1 + 1;
                    j0 = j + 1;
                }
            }
        }
        // elsewhere: moved paragraphs
        boolean[] moved = new boolean[m];
        for (int j = 0; j < m; j++) {
            if (oldOfNew[j] >= 0) {
                continue;
            }
            int best = -1;
            double bestScore = 0;
            for (int i = 0; i < n; i++) {
                if (newOfOld[i] < 0) {
                    double s = olds.get(i).key.equals(news.get(j).key) ? 1.0 : similarity(olds.get(i), news.get(j));
                    if (s >= MOVED && s > bestScore) {
                        best = i;
                        bestScore = s;
                    }
                }
            }
            if (best >= 0 && !news.get(j).words.isEmpty()) {
                newOfOld[best] = j;
                oldOfNew[j] = best;
                moved[j] = true;
            }
        }
        // the paragraphs in the new order; a deleted paragraph after the new paragraph of the old one before it
        List<Paragraph> out = new ArrayList<>();
        int nextOld = 0;
        for (int j = 0; j < m; j++) {
            int i = oldOfNew[j];
            if (i >= 0 && !moved[j]) {
                for (; nextOld < i; nextOld++) {
                    if (newOfOld[nextOld] < 0) {
                        out.add(whole(olds.get(nextOld), Kind.DELETED, Change.DELETED, olds.get(nextOld).number, 0));
                    }
                }
                nextOld = Math.max(nextOld, i + 1);
            }
            Para nw = news.get(j);
            if (i < 0) {
                // the paragraphs deleted in this place come first, then the ones inserted
                int limit = n;
                for (int k = j + 1; k < m; k++) {
                    if (oldOfNew[k] >= 0 && !moved[k]) {
                        limit = oldOfNew[k];
                        break;
                    }
                }
                for (; nextOld < limit; nextOld++) {
                    if (newOfOld[nextOld] < 0) {
                        out.add(whole(olds.get(nextOld), Kind.DELETED, Change.DELETED, olds.get(nextOld).number, 0));
                    }
                }
                out.add(whole(nw, Kind.INSERTED, Change.INSERTED, 0, nw.number));
            } else {
                List<Piece> pieces = words(olds.get(i), nw);
                boolean edited = pieces.stream().anyMatch(p -> p.kind() != Kind.SAME);
                Change change = moved[j] ? Change.MOVED : edited ? Change.CHANGED : Change.SAME;
                out.add(new Paragraph(change, pieces, olds.get(i).number, nw.number));
            }
        }
        for (; nextOld < n; nextOld++) {
            if (newOfOld[nextOld] < 0) {
                out.add(whole(olds.get(nextOld), Kind.DELETED, Change.DELETED, olds.get(nextOld).number, 0));
            }
        }
        return new Redline(out);
    }

    private static Paragraph whole(Para p, Kind kind, Change change, int oldNumber, int newNumber) {
        List<Piece> pieces = new ArrayList<>();
        for (int k = 0; k < p.words.size(); k++) {
            pieces.add(new Piece(kind, p.spaces.get(k), p.words.get(k)));
        }
        return new Paragraph(change, pieces, oldNumber, newNumber);
    }

    /** The words of a paragraph edited: the common subsequence kept, deletions before insertions where both. */
    private static List<Piece> words(Para a, Para b) {
        int n = a.keys.size();
        int m = b.keys.size();
        List<Piece> out = new ArrayList<>();
        if ((long) n * m > MAX_CELLS) {
            for (int k = 0; k < n; k++) {
                out.add(new Piece(Kind.DELETED, a.spaces.get(k), a.words.get(k)));
            }
            for (int k = 0; k < m; k++) {
                out.add(new Piece(Kind.INSERTED, b.spaces.get(k), b.words.get(k)));
            }
            return out;
        }
        int[][] l = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                l[i][j] = a.keys.get(i).equals(b.keys.get(j)) ? l[i + 1][j + 1] + 1 : Math.max(l[i + 1][j], l[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.keys.get(i).equals(b.keys.get(j))) {
                out.add(new Piece(Kind.SAME, b.spaces.get(j), b.words.get(j)));
                i++;
                j++;
            } else if (i < n && (j == m || l[i + 1][j] >= l[i][j + 1])) {
                out.add(new Piece(Kind.DELETED, a.spaces.get(i), a.words.get(i)));
                i++;
            } else {
                out.add(new Piece(Kind.INSERTED, b.spaces.get(j), b.words.get(j)));
                j++;
            }
        }
        return out;
    }

    /** Common words (as a multiset) over the words of the longer paragraph. */
    static double similarity(Para a, Para b) {
        int longer = Math.max(a.keys.size(), b.keys.size());
        if (longer == 0) {
            return 1.0;
        }
        Map<String, Integer> counts = new HashMap<>();
        for (String k : a.keys) {
            counts.merge(k, 1, Integer::sum);
        }
        int common = 0;
        for (String k : b.keys) {
            Integer c = counts.get(k);
            if (c != null && c > 0) {
                common++;
                counts.put(k, c - 1);
            }
        }
        return (double) common / longer;
    }

    /** The paragraphs of a text: runs of lines between blank lines, each split into words and the space before each. */
    private static List<Para> paragraphs(String text) {
        String t = text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n');
        List<Para> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : t.split("\n", -1)) {
            if (line.isBlank()) {
                add(out, current);
            } else {
                if (!current.isEmpty()) {
                    current.append('\n');
                }
                current.append(line);
            }
        }
        add(out, current);
        return out;
    }

    private static void add(List<Para> out, StringBuilder text) {
        if (text.isEmpty()) {
            return;
        }
        String s = text.toString();
        text.setLength(0);
        List<String> spaces = new ArrayList<>();
        List<String> words = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        int k = 0;
        while (k < s.length()) {
            int start = k;
            while (k < s.length() && isSpace(s.charAt(k))) {
                k++;
            }
            String space = s.substring(start, k);
            int w = k;
            while (k < s.length() && !isSpace(s.charAt(k))) {
                k++;
            }
            if (k > w) {
                spaces.add(space);
                words.add(s.substring(w, k));
                keys.add(Normalizer.normalize(s.substring(w, k), Normalizer.Form.NFC));
            }
        }
        if (!words.isEmpty()) {
            out.add(new Para(out.size() + 1, spaces, words, keys, String.join(" ", keys)));
        }
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
