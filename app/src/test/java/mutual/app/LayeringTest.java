package mutual.app;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md: protocol → store → engine → app, arrows pointing down only. Maven modules
 * already forbid upward imports; this also keeps the protocol pure (no I/O, no threads).
 */
class LayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar")) // other modules' shared test helpers
            .importPackages("mutual");

    @Test
    void protocolDependsOnNothingAboveIt() {
        noClasses().that().resideInAPackage("mutual.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage("mutual.store..", "mutual.engine..", "mutual.app..")
                .allowEmptyShould(true).check(CLASSES);
    }

    @Test
    void storeDependsOnlyOnProtocol() {
        noClasses().that().resideInAPackage("mutual.store..")
                .should().dependOnClassesThat().resideInAnyPackage("mutual.engine..", "mutual.app..")
                .allowEmptyShould(true).check(CLASSES);
    }

    @Test
    void engineNeverReachesIntoTheApp() {
        noClasses().that().resideInAPackage("mutual.engine..")
                .should().dependOnClassesThat().resideInAPackage("mutual.app..")
                .allowEmptyShould(true).check(CLASSES);
    }

    @Test
    void protocolDoesNoIoAndStartsNoThreads() {
        noClasses().that().resideInAPackage("mutual.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage("java.net..", "java.nio.file..", "java.sql..", "java.util.concurrent..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
                .allowEmptyShould(true).check(CLASSES);
    }

    @Test
    void protocolPackagesHaveNoCycles() {
        slices().matching("mutual.protocol.(*)..").should().beFreeOfCycles().allowEmptyShould(true).check(CLASSES);
    }
}
