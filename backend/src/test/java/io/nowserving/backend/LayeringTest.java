package io.nowserving.backend;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The backend's composition floor: the root package ({@code App}, {@code Main}, {@code Routes}, {@code Settings})
 * composes the features; features stand on base packages and never on the root; base packages never on a feature;
 * no cycles between packages.
 */
class LayeringTest {
    static final String[] BASE = {"io.nowserving.backend.redis..", "io.nowserving.backend.sql..",
            "io.nowserving.backend.ids..", "io.nowserving.backend.errors..", "io.nowserving.backend.web.."};
    static final String[] FEATURES = {"io.nowserving.backend.queue..", "io.nowserving.backend.events..",
            "io.nowserving.backend.auth..", "io.nowserving.backend.config..", "io.nowserving.backend.analytics..",
            "io.nowserving.backend.writebehind..", "io.nowserving.backend.pages..", "io.nowserving.backend.line..",
            "io.nowserving.backend.notify.."};
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.nowserving.backend");
    }

    @Test
    void noCyclesBetweenPackages() {
        SlicesRuleDefinition.slices().matching("io.nowserving.backend.(*)..").should().beFreeOfCycles()
                .check(classes);
    }

    @Test
    void basePackagesNeverStandOnAFeature() {
        noClasses().that().resideInAnyPackage(BASE).should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .check(classes);
    }

    @Test
    void featuresNeverStandOnTheCompositionRoot() {
        noClasses().that().resideInAnyPackage(FEATURES).should().dependOnClassesThat()
                .resideInAPackage("io.nowserving.backend").check(classes);
    }
}
