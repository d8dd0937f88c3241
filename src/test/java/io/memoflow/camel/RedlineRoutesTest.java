package io.memoflow.camel;

import static io.memoflow.testing.RedlineGeometry.letters;
import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.app.Memoflow;
import io.memoflow.document.PdfTools;
import io.memoflow.memo.Memo;
import io.memoflow.memo.MemoState;
import io.memoflow.testing.Eml;
import io.memoflow.testing.Fixtures;
import io.memoflow.testing.RedlineGeometry;
import io.memoflow.testing.TestHomes;
import io.memoflow.workflow.DecisionFiles;
import io.memoflow.workflow.DecisionKind;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.BeanInject;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Redlines through the routes: after changes on version 1, the requests for version 2 carry the
 * CHANGES PDF next to the DRAFT, and say how many paragraphs changed.
 */
@CamelMainTest(configurationClasses = MemoflowConfiguration.class, properties = {
        "memoflow.home=target/test-homes/RedlineRoutesTest",
        "memoflow.inbox.poll-ms=100", "memoflow.inbox.stable-ms=100"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedlineRoutesTest {

    static final Path HOME = TestHomes.fresh("RedlineRoutesTest");
    static final Duration WAIT = Duration.ofSeconds(30);

    /** Article 2 of the long memorandum, deleted in version 2. */
    static final String DELETED = "تهدف هذه المذكرة إلى وضع إطار للتعاون الأمني بين الطرفين، وتحديد مجالاته وآلياته، بما يضمن تبادل المعلومات\n"
            + "في الوقت المناسب، وتنسيق العمليات الميدانية، وتطوير قدرات الموارد البشرية لدى الطرفين، وذلك في حدود اختصاصات\n"
            + "كل منهما ووفقاً لتشريعاته الوطنية.";
    /** The sentence version 2 has instead. */
    static final String INSERTED = "يعقد ضباط الاتصال اجتماعاً فصلياً لتقييم تنفيذ هذه المذكرة ورفع توصياتهم إلى اللجنة المشتركة.";

    @BeanInject
    Memoflow memoflow;

    private Memo memo(String ref) {
        return memoflow.store().find(ref).orElseThrow();
    }

    private List<MimeMessage> mails(String ref, String template, int atLeast) {
        TestHomes.await(HOME.resolve("outbox"), ref + "-*-" + template + ".eml", atLeast, WAIT);
        return TestHomes.files(HOME.resolve("outbox"), ref + "-*-" + template + ".eml").stream().map(Eml::read).toList();
    }

    @Test
    void theRequestsForVersionTwoCarryTheChangesPdfWithTheDeletedSentenceStruckThroughAndTheNewOneUnderlined() throws Exception {
        String v1 = Fixtures.text(Fixtures.LONG_MOU);
        assertThat(v1).contains(DELETED);
        TestHomes.drop(HOME.resolve("inbox"), "mou.md", v1);
        Awaitility.await().atMost(WAIT).until(() -> !memoflow.store().list().isEmpty());
        String ref = memoflow.store().list().get(0).reference();
        List<MimeMessage> first = mails(ref, "request", 2);
        for (MimeMessage m : first) {
            assertThat(Eml.attachments(m)).containsOnlyKeys(ref + "-v1-DRAFT.pdf");
            assertThat(Eml.text(m)).doesNotContain("CHANGES.pdf");
        }
        TestHomes.drop(HOME.resolve("decisions"), "changes.decision", DecisionFiles.format(ref, 1, "legal@police-atlas.example",
                DecisionKind.CHANGES, "المادة 2 عامة جدا."));
        Awaitility.await().atMost(WAIT).until(() -> memo(ref).state == MemoState.CHANGES_REQUESTED);

        String v2 = v1.replaceFirst("---\n", "---\nreference: " + ref + "\n").replace(DELETED, INSERTED);
        TestHomes.drop(HOME.resolve("inbox"), "mou-v2.md", v2);
        Awaitility.await().atMost(WAIT).until(() -> memo(ref).version == 2);
        List<MimeMessage> second = mails(ref, "request", 4).stream().filter(m -> Eml.text(m).contains("(version 2")).toList();
        assertThat(second).flatExtracting(Eml::to).containsExactlyInAnyOrder("legal@police-atlas.example", "security@police-atlas.example");
        for (MimeMessage m : second) {
            Map<String, byte[]> attached = Eml.attachments(m);
            assertThat(attached).containsOnlyKeys(ref + "-v2-DRAFT.pdf", ref + "-v2-CHANGES.pdf");
            assertThat(Eml.text(m)).contains("2 paragraphs changed since version 1").contains(ref + "-v2-CHANGES.pdf")
                    .contains("عدد الفقرات المعدلة منذ الإصدار 1: 2");

            byte[] changes = attached.get(ref + "-v2-CHANGES.pdf");
            Path file = Files.write(HOME.resolve(ref + "-v2-CHANGES-" + Eml.to(m).get(0) + ".pdf"), changes);
            List<String> words = PdfTools.words(PdfTools.pdftotext(file));
            assertThat(PdfTools.containsSequence(words, PdfTools.words(DELETED))).as("the deleted sentence in the text layer").isTrue();
            assertThat(PdfTools.containsSequence(words, PdfTools.words(INSERTED))).as("the inserted sentence in the text layer").isTrue();
            RedlineGeometry g = RedlineGeometry.of(changes);
            assertThat(letters(g.struck())).as("the letters with a line through them").isEqualTo(letters(DELETED));
            assertThat(letters(g.underlined())).as("the letters with a line under them").isEqualTo(letters(INSERTED));

            byte[] draft = attached.get(ref + "-v2-DRAFT.pdf");
            assertThat(RedlineGeometry.of(draft).struck()).isEmpty();
        }
    }
}
