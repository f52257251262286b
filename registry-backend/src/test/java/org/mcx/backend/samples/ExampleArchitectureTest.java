package org.mcx.backend.samples;

import static com.tngtech.archunit.base.DescribedPredicate.or;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The example application is for application developers to copy: it may use only the JDK,
 * shared-protocol, SLF4J and picocli. And no sample uses the backend's insides: the samples stand
 * for servers that run elsewhere.
 */
@AnalyzeClasses(packages = "org.mcx.backend.samples", importOptions = ImportOption.DoNotIncludeTests.class)
class ExampleArchitectureTest {
    private static final String EXAMPLE = "org\\.mcx\\.backend\\.samples\\.Example.*";

    @ArchTest
    static final ArchRule theExampleIsCopyable = classes().that().haveNameMatching(EXAMPLE)
            .should().onlyDependOnClassesThat(or(
                    resideInAnyPackage("java..", "javax..", "org.mcx.protocol..", "org.slf4j..", "picocli.."),
                    nameMatching(EXAMPLE)));

    @ArchTest
    static final ArchRule samplesUseNoBackendInsides = noClasses().that().resideInAPackage("org.mcx.backend.samples..")
            .should().dependOnClassesThat().resideInAnyPackage("org.mcx.backend", "org.mcx.backend.identity..",
                    "org.mcx.backend.registry..", "org.mcx.backend.applications..", "org.mcx.backend.store..",
                    "org.mcx.backend.transport..", "org.mcx.backend.events..", "org.mcx.backend.audit..",
                    "org.mcx.backend.csc15..", "org.mcx.backend.access..", "org.mcx.backend.partners..");
}
