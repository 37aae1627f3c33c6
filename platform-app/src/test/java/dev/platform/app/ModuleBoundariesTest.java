package dev.platform.app;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Arrays;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.spring.stereotype.Aggregate;
import org.axonframework.spring.stereotype.Saga;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

/** The sides depend on shared-api and shared-infra only, never on each other; shared-api stays framework-free. */
class ModuleBoundariesTest {

    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.platform");

    @Test
    void theCommandSideDependsOnNoOtherSide() {
        noClasses()
                .that()
                .resideInAPackage("dev.platform.command..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.platform.query..", "dev.platform.notification..")
                .check(PRODUCT);
    }

    @Test
    void theQuerySideDependsOnNoOtherSide() {
        noClasses()
                .that()
                .resideInAPackage("dev.platform.query..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.platform.command..", "dev.platform.notification..")
                .check(PRODUCT);
    }

    @Test
    void theNotificationSideDependsOnNoOtherSide() {
        noClasses()
                .that()
                .resideInAPackage("dev.platform.notification..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.platform.command..", "dev.platform.query..")
                .check(PRODUCT);
    }

    @Test
    void sharedCodeDependsOnNoSide() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.platform.api..", "dev.platform.infra..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.platform.command..",
                        "dev.platform.query..",
                        "dev.platform.notification..",
                        "dev.platform.app..")
                .check(PRODUCT);
    }

    @Test
    void sharedApiUsesNoSpringAndNoPersistence() {
        noClasses()
                .that()
                .resideInAPackage("dev.platform.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "jakarta.persistence..", "org.hibernate..")
                .check(PRODUCT);
    }

    /**
     * Feature packages ({@code query.post}, {@code query.analytics}, {@code infra.web}, ...) depend on each other in
     * one direction only, so each can be read, tested and moved on its own.
     */
    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("dev.platform.(*).(*)..").should().beFreeOfCycles().check(PRODUCT);
    }

    /**
     * A feature package's internals stay inside it: its controllers, aggregates, projections and field rules are
     * package-private, so another package can only use what the feature chose to publish. (A saga is the
     * exception: Axon's saga store creates and serializes it from outside the package.)
     */
    @Test
    void theInternalsOfAFeaturePackageArePackagePrivate() {
        classes()
                .that()
                .resideInAnyPackage("dev.platform.command..", "dev.platform.query..", "dev.platform.notification..")
                .and(annotatedWithAnyOf(RestController.class, Aggregate.class, ProcessingGroup.class)
                        .or(simpleNameEndingWith("Rules")))
                .and()
                .areNotAnnotatedWith(Saga.class)
                .should()
                .notBePublic()
                .check(PRODUCT);
    }

    private static DescribedPredicate<JavaClass> annotatedWithAnyOf(Class<?>... annotations) {
        return DescribedPredicate.describe(
                "annotated with one of "
                        + Arrays.stream(annotations).map(Class::getSimpleName).toList(),
                type -> Arrays.stream(annotations).anyMatch(a -> type.isAnnotatedWith(a.getName())));
    }

    /**
     * An aggregate reads only events of its own type, so the id of another aggregate is an unknown one (404) and
     * never a stream it runs on and stores a snapshot under (see {@code Post}).
     */
    @Test
    void everyAggregateReadsOnlyItsOwnEvents() {
        classes()
                .that()
                .areAnnotatedWith(Aggregate.class)
                .should(new ArchCondition<JavaClass>("be declared with @Aggregate(filterEventsByType = true)") {
                    @Override
                    public void check(JavaClass aggregate, ConditionEvents events) {
                        boolean filters = aggregate
                                .reflect()
                                .getAnnotation(Aggregate.class)
                                .filterEventsByType();
                        events.add(new SimpleConditionEvent(
                                aggregate, filters, aggregate.getName() + " reads events of every type"));
                    }
                })
                .check(PRODUCT);
    }
}
