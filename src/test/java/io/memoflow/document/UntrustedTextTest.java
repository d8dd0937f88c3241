package io.memoflow.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Untrusted text is only ever text: nothing in a memorandum makes the typesetter read a file or fetch a URL. */
class UntrustedTextTest {

    @TempDir
    Path dir;

    @Test
    void imagesLinksAndHtmlAreSetAsTheirTextAndNothingIsFetchedOrRead() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes(StandardCharsets.US_ASCII));
            exchange.close();
        });
        server.start();
        try {
            Path secret = dir.resolve("secret.txt");
            Files.writeString(secret, "TOPSECRETCONTENT");
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            String body = "![Logo alt text](" + url + "/logo.png)\n\n"
                    + "See [the annex](" + url + "/annex) and [file](file://" + secret + ").\n\n"
                    + "<img src=\"" + url + "/img.png\"> <iframe src=\"file://" + secret + "\"></iframe>\n\n"
                    + "[ref]: " + url + "/ref\n\nA reference link: [ref] and an autolink <" + url + "/auto>.\n\n"
                    + "<!DOCTYPE x [<!ENTITY e SYSTEM \"file://" + secret + "\">]>&e;\n";
            byte[] pdf = new Typesetter().render(TestDocs.english(body)).pdf();
            String text = PdfTools.pdftotext(PdfTools.write("untrusted.pdf", pdf));
            assertThat(requests.get()).as("HTTP requests made while rendering").isZero();
            assertThat(text).doesNotContain("TOPSECRETCONTENT");
            assertThat(text).contains("Logo alt text", "the annex", "<img src=", "&e;", url + "/auto");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void controlCharactersAndLoneSurrogatesAreNotPassedToThePdf() {
        String body = "Before\u0000\u0007after \uD800 lone surrogate \u001B[31m escape.";
        byte[] pdf = new Typesetter().render(TestDocs.english(body)).pdf();
        String text = PdfTools.pdftotext(PdfTools.write("controls.pdf", pdf));
        // CommonMark turns NUL into U+FFFD; other controls are dropped; a lone surrogate becomes U+FFFD
        assertThat(PdfTools.words(text)).contains("Before", "after", "lone", "surrogate", "escape");
        assertThat(text).doesNotContain("\u0007", "\u001B", "\u0000");
    }
}
