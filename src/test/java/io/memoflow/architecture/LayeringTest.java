package io.memoflow.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;

/**
 * The packages of memoflow, from the top down; each may use only the ones below it:
 * <pre>
 * cli (and Main)   the commands
 * camel            routes' beans and the Camel configuration
 * web              the web desk, decision links and the HTTP API, without Camel
 * app              the composition root: memoflow assembled from its settings
 * service          intake of drafts and decisions, the work ledger, the documents
 * mail             composing and reading mail
 * signing          signatures and their verification
 * workflow         stages, decisions, policies
 * store            where memoranda live
 * diff             redlines: word-level differences between versions
 * document         the typesetter
 * memo             the memorandum itself
 * draft            reading drafts
 * audit            the hash-chained audit log
 * config           settings and the clock
 * </pre>
 * Camel stays in cli and camel; only store/ and the composition root name the file store.
 */
@AnalyzeClasses(packages = "io.memoflow", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    private static final String[] TOP_DOWN = {"cli", "camel", "web", "app", "service", "mail", "signing", "workflow", "store", "diff", "document",
            "memo", "draft", "audit", "config"};

    private static LayeredArchitecture layers() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("cli").definedBy(describe("the commands and Main", (JavaClass c) -> c.getPackageName().startsWith("io.memoflow.cli")
                        || c.getName().equals("io.memoflow.Main")));
        for (int i = 1; i < TOP_DOWN.length; i++) {
            layers = layers.layer(TOP_DOWN[i]).definedBy("io.memoflow." + TOP_DOWN[i] + "..");
        }
        layers = layers.whereLayer("cli").mayNotBeAccessedByAnyLayer();
        for (int i = 1; i < TOP_DOWN.length; i++) {
            String[] above = new String[i];
            System.arraycopy(TOP_DOWN, 0, above, 0, i);
            layers = layers.whereLayer(TOP_DOWN[i]).mayOnlyBeAccessedByLayers(above);
        }
        return layers;
    }

    @ArchTest
    static final ArchRule eachPackageUsesOnlyThePackagesBelowIt = layers();

    @ArchTest
    static final ArchRule thePackagesFormNoCircle = slices().matching("io.memoflow.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule camelStaysOutOfTheDomainAndTheCompositionRoot = noClasses()
            .that().resideInAnyPackage("io.memoflow.web..", "io.memoflow.app..", "io.memoflow.service..", "io.memoflow.mail..", "io.memoflow.signing..",
                    "io.memoflow.workflow..", "io.memoflow.store..", "io.memoflow.diff..", "io.memoflow.document..", "io.memoflow.memo..", "io.memoflow.draft..",
                    "io.memoflow.audit..", "io.memoflow.config..")
            .should().dependOnClassesThat().resideInAPackage("org.apache.camel..");

    @ArchTest
    static final ArchRule onlyTheStoreAndTheCompositionRootNameTheFileStore = classes()
            .that().haveSimpleName("FileMemoStore")
            .should().onlyBeAccessed().byAnyPackage("io.memoflow.store..", "io.memoflow.app..");
}
