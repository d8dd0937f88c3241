package io.memoflow.signing;

import io.memoflow.audit.AuditLog;
import io.memoflow.document.RenderedMemo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Time per signature (median and 90th percentile of warm runs) and bytes added per signature.
 * Not a test: run it by hand, e.g.
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) io.memoflow.signing.SigningBenchmark [iterations]
 * </pre>
 * The stamp comes from the test typesetter stub (Helvetica); the real typesetter's renderStamp
 * adds its own time.
 */
public final class SigningBenchmark {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        Path dir = Files.createTempDirectory("memoflow-bench");
        DemoKeys keys = DemoKeys.open(dir.resolve("data"));
        StubRenderer renderer = new StubRenderer();
        MemoSigner signer = new MemoSigner(keys, renderer);
        byte[] md = Fixtures.memorandum();
        AuditLog log = Fixtures.audit(md);
        RenderedMemo memo = Fixtures.rendered(log);
        List<MemoSigner.PartySignature> parties = Fixtures.parties(memo);
        Instant sealedAt = Fixtures.T0.plusSeconds(240);

        byte[] attached = MemoAttachments.attach(memo.pdf(), log.toJsonl(), md, sealedAt);
        byte[] certified = signer.certify(memo.pdf(), log, md, "DGSN", sealedAt, parties);
        byte[] one = signer.signParty(certified, parties.get(0), "en");
        byte[] two = signer.signParty(one, parties.get(1), "en");

        System.out.printf(Locale.ROOT, "memo: rendered %d B, with attachments %d B, sealed %d B, 1 party %d B, 2 parties %d B%n",
                memo.pdf().length, attached.length, certified.length, one.length, two.length);
        SigningIdentity party = keys.signatory(parties.get(0).email(), parties.get(0).signatory());
        System.out.printf(Locale.ROOT, "bytes per signature: seal revision +%d B, party 1 +%d B, party 2 +%d B"
                        + " (CMS %d B, /Contents hex %d B; EC P-256, chain of 2 certificates)%n",
                certified.length - attached.length, one.length - certified.length, two.length - one.length,
                party.reservedContentsSize(), 2 * party.reservedContentsSize() + 2);

        report("attach audit.jsonl + memorandum.md (full save)", n,
                () -> MemoAttachments.attach(memo.pdf(), log.toJsonl(), md, sealedAt));
        report("seal certification (attach + certify)", n, () -> signer.certify(memo.pdf(), log, md, "DGSN", sealedAt, parties));
        report("party signature (visible, EC P-256)", n, () -> signer.signParty(certified, parties.get(0), "en"));
        report("second party signature (EC P-256)", n, () -> signer.signParty(one, parties.get(1), "en"));
        report("stamp rendering alone (test stub)", n, () -> renderer.renderStamp(
                MemoSigner.stampLines("Mikael Wern", "Director of Police", "en", sealedAt), "en", 220, 90));
        report("CMS alone (EC P-256)", n, () -> party.cades(new java.io.ByteArrayInputStream(certified)));
        report("whole memo: attach + seal + 2 parties", n / 2,
                () -> signer.sealAndSign(memo, log, md, "DGSN", "en", sealedAt, parties));
        report("verify (PdfVerifier, 3 signatures)", Math.max(20, n / 10),
                () -> PdfVerifier.verify(two, keys.trustAnchors()));

        // what each signing level adds to a whole memorandum (attach + seal + 2 parties [+ /DSS] [+ document timestamp])
        for (SigningLevel level : SigningLevel.values()) {
            MemoSigner at = new MemoSigner(keys, renderer, level);
            byte[] pdf = at.sealAndSign(memo, log, md, "DGSN", "en", sealedAt, parties);
            System.out.printf(Locale.ROOT, "level %-3s: whole memo %d B (%+d B against B)%n", level, pdf.length, pdf.length - two.length);
            report("whole memo at level " + level, Math.max(40, n / 4),
                    () -> at.sealAndSign(memo, log, md, "DGSN", "en", sealedAt, parties));
        }
        if (args.length > 1 && "levels".equals(args[1])) {
            return;
        }

        // the same party signature with an RSA-2048 key from the same CA, for comparison
        SigningIdentity rsa = rsaIdentity(dir, keys);
        PdfSigner pdfSigner = new PdfSigner(renderer);
        List<String> lines = MemoSigner.stampLines("Abdellatif Hammouchi", "Director General", "en", parties.get(0).at());
        byte[] rsaSigned = pdfSigner.sign(certified, rsa, parties.get(0).box(), lines, "en", "Abdellatif Hammouchi", null,
                parties.get(0).at());
        System.out.printf(Locale.ROOT, "RSA-2048 party signature: +%d B (CMS %d B)%n", rsaSigned.length - certified.length,
                rsa.reservedContentsSize());
        report("party signature (visible, RSA-2048)", n, () -> pdfSigner.sign(certified, rsa, parties.get(0).box(), lines, "en",
                "Abdellatif Hammouchi", null, parties.get(0).at()));
        report("CMS alone (RSA-2048)", n, () -> rsa.cades(new java.io.ByteArrayInputStream(certified)));
    }

    private static SigningIdentity rsaIdentity(Path dir, DemoKeys keys) throws Exception {
        char[] pw = KeyStores.passwordFromFile(dir.resolve("data/keys").resolve(DemoKeys.PASSWORD), "bench");
        SigningIdentity ca = KeyStores.load(dir.resolve("data/keys").resolve(DemoKeys.CA_P12), pw, null, "CA");
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair pair = g.generateKeyPair();
        Instant now = Instant.now();
        X509Certificate cert = Certificates.issueSigner(Certificates.name("Abdellatif Hammouchi", DemoKeys.ORGANISATION),
                pair.getPublic(), "dg@dgsn.example.ma", ca.certificate(), ca.privateKey(), now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)));
        return new SigningIdentity("rsa", pair.getPrivate(), List.of(cert, keys.caCertificate()));
    }

    private static void report(String what, int n, Supplier<Object> task) {
        for (int i = 0; i < Math.max(50, n / 2); i++) {
            task.get();
        }
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            task.get();
            t[i] = System.nanoTime() - start;
        }
        Arrays.sort(t);
        System.out.printf(Locale.ROOT, "%-50s median %6.2f ms   p90 %6.2f ms   (n=%d)%n", what, t[n / 2] / 1e6, t[n * 9 / 10] / 1e6, n);
    }
}
