package org.maildrift.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** maildrift's production classes, imported once for every architecture test. */
final class ProductionClasses {

    private static JavaClasses classes;

    private ProductionClasses() {
    }

    static synchronized JavaClasses get() {
        if (classes == null) {
            classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("org.maildrift");
        }
        return classes;
    }
}
