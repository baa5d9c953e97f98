package io.nowserving.desktop;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The desktop module's conventions, checked on its compiled classes (STYLE.md "The desktop module"). */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.nowserving.desktop");
    }

    @Test
    void viewModelsNeverTouchTheSceneGraph() {
        classes().that().haveSimpleNameEndingWith("ViewModel").should().onlyDependOnClassesThat()
                .resideOutsideOfPackages("javafx.scene..", "javafx.stage..", "javafx.application..")
                .check(classes);
    }

    @Test
    void commonNeverImportsAnApp() {
        noClasses().that().resideInAPackage("io.nowserving.desktop.common..").should().dependOnClassesThat()
                .resideInAnyPackage("io.nowserving.desktop.launcher..", "io.nowserving.desktop.counter..",
                        "io.nowserving.desktop.display..", "io.nowserving.desktop.kiosk..",
                        "io.nowserving.desktop.admin..")
                .check(classes);
    }

    @Test
    void appsNeverImportEachOtherButTheLauncherComposesThem() {
        SlicesRuleDefinition.slices().matching("io.nowserving.desktop.(*)..").should().notDependOnEachOther()
                .ignoreDependency(com.tngtech.archunit.base.DescribedPredicate.describe("the launcher",
                                c -> c.getPackageName().startsWith("io.nowserving.desktop.launcher")),
                        com.tngtech.archunit.base.DescribedPredicate.alwaysTrue())
                .ignoreDependency(com.tngtech.archunit.base.DescribedPredicate.alwaysTrue(),
                        com.tngtech.archunit.base.DescribedPredicate.describe("common",
                                c -> c.getPackageName().startsWith("io.nowserving.desktop.common")))
                .check(classes);
    }

    @Test
    void platformRunLaterOnlyInTheOneDoor() {
        noClasses().that().doNotHaveFullyQualifiedName("io.nowserving.desktop.common.FxThread").should()
                .callMethod(javafx.application.Platform.class, "runLater", Runnable.class)
                .check(classes);
    }

    @Test
    void noStrayThreads() {
        noClasses().should().callConstructor(Thread.class, Runnable.class)
                .orShould().callConstructor(Thread.class)
                .orShould().callConstructor(Thread.class, Runnable.class, String.class)
                .orShould().callConstructor(Thread.class, String.class)
                .check(classes);
    }
}
