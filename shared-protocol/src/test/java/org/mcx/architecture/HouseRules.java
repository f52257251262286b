package org.mcx.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The rules every module's ArchitectureTest applies (shared through shared-protocol's test-jar),
 * so that "no cycles" or "no printing" means the same thing everywhere.
 */
public final class HouseRules {
    private HouseRules() {
    }

    /** Every package under {@code root}, the root included, on its own: no two depend on each other. */
    public static ArchRule noPackageCycles(String root) {
        // Matched from the parent, so that the root package is a slice too (the classes analysed are root's).
        String parent = root.substring(0, root.lastIndexOf('.'));
        return SlicesRuleDefinition.slices().matching(parent + ".(**)").should().beFreeOfCycles()
                .because("a package that needs another which needs it back cannot be understood, tested or moved alone");
    }

    /** Logging through SLF4J only: no console streams, no printed stack traces, no java.util.logging. */
    public static ArchRule noPrinting(String... classesAllowedToPrint) {
        return noClasses().that(notAmong(classesAllowedToPrint))
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .orShould().callMethod(Throwable.class, "printStackTrace")
                .orShould(GeneralCodingRules.USE_JAVA_UTIL_LOGGING);
    }

    /** The module's classes depend on nothing in these packages (e.g. "org.mcx.backend.."). */
    public static ArchRule independentOf(String... packages) {
        return noClasses().should().dependOnClassesThat().resideInAnyPackage(packages);
    }

    /**
     * The feature packages under {@code root} (its direct subpackages named here) reach each other
     * only through the named classes: everything else of a feature is its own business.
     */
    public static ArchRule featuresMeetOnlyThrough(String root, List<String> features, Set<String> namedClasses) {
        return classes().should(new ArchCondition<JavaClass>(
                "depend on another feature of " + root + " " + features + " only through " + namedClasses) {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String from = feature(root, features, origin.getPackageName());
                if (from == null) {
                    return;
                }
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    String to = feature(root, features, target.getPackageName());
                    String named = target.getName().replaceFirst("\\$.*", "");
                    if (to != null && !to.equals(from) && !namedClasses.contains(named)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        });
    }

    private static String feature(String root, List<String> features, String packageName) {
        for (String feature : features) {
            String name = root + "." + feature;
            if (packageName.equals(name) || packageName.startsWith(name + ".")) {
                return feature;
            }
        }
        return null;
    }

    private static DescribedPredicate<JavaClass> notAmong(String... names) {
        List<String> excluded = Arrays.asList(names);
        return DescribedPredicate.describe("are not one of " + excluded, c -> !excluded.contains(c.getName()));
    }
}
