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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code memoflow verify FILE.pdf [--json] [--trust PEM] [--home DIR]}: checks every signature and
 * the audit chain, offline. Trust comes only from what is named: the {@code --trust} files, and the
 * demonstration CA of a home folder given with {@code --home} (never of the folder it runs in, nor
 * of $MEMOFLOW_HOME).
 */
@Command(name = "verify", description = "Check a signed memorandum offline: every signature (who, when, valid, covers the document, "
        + "its PAdES level B/T/LT/LTA and the time its timestamp proves), every document timestamp, "
        + "anything added after the last signature or timestamp, and the audit chain. Exit status 0 only if all of it holds and the signers "
        + "are trusted; 3 if the file is intact but its signers are not trusted; 1 otherwise.")
public final class VerifyCommand implements Callable<Integer> {

    @Option(names = "--home", paramLabel = "DIR", description = "Also trust this home folder's demonstration CA (data/keys/demo-ca.pem).")
    Path home;

    @Parameters(paramLabel = "FILE.pdf", description = "The signed PDF.")
    Path file;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Option(names = "--trust", paramLabel = "PEM", description = "Trust the CA certificates in this PEM file (repeatable).")
    List<Path> trust = new ArrayList<>();

    /** Where the report and the messages go; tests give their own. */
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = System.err;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            err.println("memoflow: " + file + " is not a file.");
            return 2;
        }
        for (Path pem : trust) {
            if (!Files.isRegularFile(pem)) {
                err.println("memoflow: the trust file " + pem + " does not exist.");
                return 2;
            }
        }
        Path data = null;
        if (home != null) {
            data = home.toAbsolutePath().normalize().resolve("data");
            if (!Files.isRegularFile(data.resolve("keys").resolve("demo-ca.pem"))) {
                err.println("memoflow: the home folder " + home + " has no demonstration CA (data/keys/demo-ca.pem);"
                        + " give the CA that issued the signers' certificates with --trust CA.pem.");
            }
        }
        VerificationReport report = PdfVerifier.verify(Files.readAllBytes(file), PdfVerifier.trustedCertificates(data, trust));
        out.println(json ? report.toJson() : report.toText());
        return report.exitStatus();
    }
}
