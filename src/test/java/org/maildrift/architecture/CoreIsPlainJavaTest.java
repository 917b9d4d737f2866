package org.maildrift.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The core (inventory, dns, mta, rules, precheck) is plain Java: no Spring, JPA or servlet types, so
 * the CLI can use it without a web server or database. Only dns talks to dnsjava.
 */
class CoreIsPlainJavaTest {

    private static final String[] CORE = {"org.maildrift.inventory..", "org.maildrift.dns..", "org.maildrift.mta..",
        "org.maildrift.rules..", "org.maildrift.precheck..", "org.maildrift.collect..", "org.maildrift.report..",
        "org.maildrift.files..", "org.maildrift.mail..", "org.maildrift.tls..", "org.maildrift.dkim..", "org.maildrift.spf..",
        "org.maildrift.accept.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = ProductionClasses.get();
    }

    @Test
    void coreUsesNoSpringJpaOrServletTypes() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..",
                        "jakarta.servlet..", "javax.persistence..", "javax.servlet..", "org.hibernate..")
                .check(classes);
    }

    @Test
    void onlyDnsImportsDnsjava() {
        noClasses().that().resideOutsideOfPackage("org.maildrift.dns..")
                .should().dependOnClassesThat().resideInAnyPackage("org.xbill..")
                .check(classes);
    }

    @Test
    void coreDoesNotReachIntoTheServiceOrCli() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("org.maildrift.cli..", "org.maildrift.checks..",
                        "org.maildrift.alerts..", "org.maildrift.dashboard..", "org.maildrift.api..")
                .check(classes);
    }
}
