package io.memoflow.signing;

import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Keeping an archived LTA memorandum valid across timestamp-authority certificate lifetimes: a
 * fresh /DSS update (certificates and a fresh CRL, now also for the last document timestamp) and
 * a new document timestamp over the whole file and that update, in one revision.
 */
public final class Renewal {

    private Renewal() {
    }

    /**
     * When the certificate of the authority of the file's last document timestamp expires; empty
     * when the file has no document timestamp (its level is below LTA).
     */
    public static Optional<Instant> lastTimestampExpiry(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDSignature last = null;
            int lastEnd = -1;
            for (PDSignature s : doc.getSignatureDictionaries()) {
                int[] br = s.getByteRange();
                if (PdfSigner.RFC3161.getName().equals(s.getSubFilter()) && br.length == 4 && br[2] + br[3] > lastEnd) {
                    last = s;
                    lastEnd = br[2] + br[3];
                }
            }
            if (last == null) {
                return Optional.empty();
            }
            TimeStampToken token = TimestampAuthority.parse(PdfVerifier.stripPadding(last.getContents(pdf)));
            @SuppressWarnings("unchecked")
            var mine = (Collection<X509CertificateHolder>) token.getCertificates().getMatches(token.getSID());
            if (mine.isEmpty()) {
                throw new SigningException("The last document timestamp does not carry its authority's certificate");
            }
            return Optional.of(mine.iterator().next().getNotAfter().toInstant());
        } catch (IOException e) {
            throw new SigningException("Not a readable PDF: " + e.getMessage(), e);
        }
    }

    /** Adds the validation data and a new document timestamp from these keys' timestamp authority. */
    public static byte[] renew(byte[] pdf, SigningKeys keys) {
        TimestampAuthority tsa = keys.timestampAuthority().orElseThrow(() -> new SigningException(
                "Renewal needs memoflow's built-in timestamp authority, which only the demonstration keys have"));
        return new PdfSigner(null, tsa).timestampDocument(pdf, doc -> ValidationData.addTo(doc, pdf, keys, OutsideRevocation.DEFAULT));
    }
}
