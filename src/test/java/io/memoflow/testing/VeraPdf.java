package io.memoflow.testing;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/**
 * veraPDF, the PDF Association's reference validator, on a PDF in memory: the rules of a
 * flavour (PDF/A-3b, PDF/UA-1) the file breaks, each with its clause, what it says and how
 * often and where it failed, so that a failing test says what is wrong.
 */
public final class VeraPdf {

    static {
        VeraGreenfieldFoundryProvider.initialise();
    }

    private VeraPdf() {
    }

    /** The rules of {@code flavour} that {@code pdf} breaks; empty when it is compliant. */
    public static List<String> failures(byte[] pdf, PDFAFlavour flavour) {
        try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf), flavour)) {
            PDFAValidator validator = Foundries.defaultInstance().createValidator(flavour, false);
            ValidationResult result = validator.validate(parser);
            Map<String, String> failed = new TreeMap<>();
            Map<String, Integer> counts = new TreeMap<>();
            for (TestAssertion a : result.getTestAssertions()) {
                if (a.getStatus() != TestAssertion.Status.FAILED) {
                    continue;
                }
                String rule = a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber();
                counts.merge(rule, 1, Integer::sum);
                failed.putIfAbsent(rule, a.getMessage() + " [" + (a.getErrorMessage() == null ? "" : a.getErrorMessage() + " ")
                        + "at " + (a.getLocation() == null ? "?" : a.getLocation().getContext()) + "]");
            }
            List<String> out = new ArrayList<>();
            for (Map.Entry<String, String> e : failed.entrySet()) {
                out.add(flavour.getId() + " " + e.getKey() + " (x" + counts.get(e.getKey()) + "): " + e.getValue());
            }
            if (out.isEmpty() && !result.isCompliant()) {
                out.add(flavour.getId() + ": not compliant (" + result.getJobEndStatus() + ")");
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("veraPDF could not validate the PDF as " + flavour.getId() + ": " + e, e);
        }
    }
}
