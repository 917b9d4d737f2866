package org.maildrift.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape issue 13 asks for, as far as it holds: the core below the service below the web, the CLI on
 * the core alone, the MTA readers apart from each other, and no cycle between packages.
 */
class LayersTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = ProductionClasses.get();
    }

    @Test
    void coreServiceAndWebDependDownwardsOnly() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("core").definedBy("org.maildrift.inventory..", "org.maildrift.dns..", "org.maildrift.mta..",
                        "org.maildrift.rules..", "org.maildrift.precheck..", "org.maildrift.collect..",
                        "org.maildrift.report..", "org.maildrift.files..", "org.maildrift.mail..", "org.maildrift.tls..", "org.maildrift.dkim..", "org.maildrift.spf..",
                        "org.maildrift.accept..")
                .layer("service").definedBy("org.maildrift.checks..", "org.maildrift.alerts..", "org.maildrift.agents..",
                        "org.maildrift.security..", "org.maildrift.audit..")
                .layer("web").definedBy("org.maildrift.api..", "org.maildrift.dashboard..")
                .layer("cli").definedBy("org.maildrift.cli..")
                .whereLayer("web").mayOnlyBeAccessedByLayers("web")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("service").mayOnlyBeAccessedByLayers("web")
                .check(classes);
    }

    @Test
    void theMtaReadersDoNotKnowEachOther() {
        noClasses().that().resideInAPackage("org.maildrift.mta.postfix..")
                .should().dependOnClassesThat().resideInAnyPackage("org.maildrift.mta.sendmail..")
                .check(classes);
        noClasses().that().resideInAPackage("org.maildrift.mta.sendmail..")
                .should().dependOnClassesThat().resideInAnyPackage("org.maildrift.mta.postfix..")
                .check(classes);
    }

    /**
     * A rule reads the evidence and the models it is made of (and its own family's helpers), nothing that
     * collects DNS, reads a configuration or runs a precheck.
     */
    @Test
    void rulesReadOnlyEvidence() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
                .that().resideInAnyPackage("org.maildrift.rules.aliases..", "org.maildrift.rules.config..",
                        "org.maildrift.rules.identity..", "org.maildrift.rules.routing..", "org.maildrift.rules.tls..",
                        "org.maildrift.rules.dkim..", "org.maildrift.rules.spf..", "org.maildrift.rules.bounces..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.maildrift.rules",
                        "org.maildrift.dns.model..", "org.maildrift.mta.model..", "org.maildrift.mail..",
                        "org.maildrift.inventory..", "org.maildrift.rules.aliases..", "org.maildrift.rules.config..",
                        "org.maildrift.rules.identity..", "org.maildrift.rules.routing..", "org.maildrift.rules.tls..",
                        "org.maildrift.rules.dkim..", "org.maildrift.rules.spf..", "org.maildrift.rules.bounces..",
                        "org.maildrift.tls", "org.maildrift.dkim", "org.maildrift.spf")
                .check(classes);
    }

    /** Nothing but the mail vocabulary below the inventory: it is the declared estate, read by all. */
    @Test
    void theInventoryAndTheSharedVocabularyDependOnNoOtherPart() {
        noClasses().that().resideInAnyPackage("org.maildrift.inventory..", "org.maildrift.mail..")
                .should().dependOnClassesThat().resideInAnyPackage("org.maildrift.dns..", "org.maildrift.mta..",
                        "org.maildrift.rules..", "org.maildrift.precheck..", "org.maildrift.collect..",
                        "org.maildrift.report..")
                .check(classes);
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("org.maildrift.(**)").should().beFreeOfCycles().check(classes);
    }
}
