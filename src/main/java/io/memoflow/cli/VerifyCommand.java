package io.memoflow.cli;

import io.memoflow.signing.PdfVerifier;
import io.memoflow.signing.VerificationReport;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code memoflow verify FILE.pdf [--json] [--trust PEM]}: checks every signature and the audit chain, offline. */
@Command(name = "verify", description = "Check a signed memorandum offline: every signature (who, when, valid, covers the document), "
        + "anything added after the last signature, and the audit chain. Exit status 0 only if all of it holds.")
public final class VerifyCommand implements Callable<Integer> {

    @Mixin
    MemoflowCommand.HomeOption home = new MemoflowCommand.HomeOption();

    @Parameters(paramLabel = "FILE.pdf", description = "The signed PDF.")
    Path file;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Option(names = "--trust", paramLabel = "PEM", description = "Also trust the CA certificates in this PEM file (repeatable). "
            + "The home folder's demonstration CA (data/keys/demo-ca.pem) is trusted when present.")
    List<Path> trust = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (!Files.isRegularFile(file)) {
            System.err.println("memoflow: " + file + " is not a file.");
            return 2;
        }
        for (Path pem : trust) {
            if (!Files.isRegularFile(pem)) {
                System.err.println("memoflow: the trust file " + pem + " does not exist.");
                return 2;
            }
        }
        VerificationReport report = PdfVerifier.verify(Files.readAllBytes(file),
                PdfVerifier.trustedCertificates(home.resolve().resolve("data"), trust));
        out.println(json ? report.toJson() : report.toText());
        return report.exitStatus();
    }
}
