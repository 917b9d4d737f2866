package org.maildrift.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.rules.catalog.RuleCatalog;

/**
 * Every rule is complete: listed once in the catalogue (sorted by ID), with a doc page whose examples
 * are its scenarios and whose shown output is what a real run prints, a drifting and a clean scenario,
 * and a test class with a reports… and a staysSilent… case.
 */
class RuleCatalogTest {

    private static final Path DOCS = Path.of("docs/rules");

    @TempDir
    Path tmp;

    @Test
    void catalogueIsSortedByIdWithoutDuplicates() {
        List<String> ids = RuleCatalog.definitions().stream().map(RuleDefinition::id).toList();
        assertThat(ids).isSorted().doesNotHaveDuplicates().hasSize(32)
                .allMatch(id -> id.matches("[a-z]+(-[a-z]+)+"), "kebab-case");
        assertThat(RuleCatalog.definitions()).allMatch(d -> !d.summary().isBlank() && !d.summary().endsWith("."));
    }

    @Test
    void everyRuleClassInTheSourceTreeIsCatalogued() throws Exception {
        List<String> catalogued = RuleCatalog.rules().stream().map(r -> r.getClass().getSimpleName()).toList();
        List<String> declared;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/org/maildrift/rules"))) {
            declared = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    return Files.readString(p).contains("@RuleDefinition(");
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }).map(p -> p.getFileName().toString().replace(".java", "")).filter(n -> !n.equals("RuleDefinition"))
                    .toList();
        }
        assertThat(catalogued).containsExactlyInAnyOrderElementsOf(declared);
    }

    @TestFactory
    List<DynamicTest> everyRuleHasDocsScenariosAndTests() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Rule rule : RuleCatalog.rules()) {
            RuleDefinition def = RuleCatalog.definition(rule);
            String id = def.id();
            tests.add(dynamicTest(id + " has drifting and clean scenarios", () -> {
                assertThat(Scenario.load(id, "drifting").must()).contains(id);
                assertThat(Scenario.load(id, "clean").mustNot()).contains(id);
            }));
            tests.add(dynamicTest(id + " has a doc page showing its scenarios and real output", () -> {
                Path page = DOCS.resolve(id + ".md");
                assertThat(page).exists();
                String doc = Files.readString(page);
                assertThat(doc).startsWith("# `" + id + "` (" + def.severity().label() + ")")
                        .contains("## Why it matters", "## What is checked", "## Drifting example",
                                "## Clean example", "## How to fix")
                        .contains(Scenario.load(id, "drifting").text().strip())
                        .contains(Scenario.load(id, "clean").text().strip());
                CheckReport report = Scenario.load(id, "drifting").check(Files.createTempDirectory(tmp, id));
                String shown = report.findings().stream().filter(f -> f.rule().equals(id)).map(FindingText::render)
                        .map(String::stripTrailing).collect(Collectors.joining("\n\n"));
                assertThat(shown).isNotEmpty();
                assertThat(doc).as("the output shown in %s", page).contains("```text\n" + shown + "\n```");
            }));
            tests.add(dynamicTest(id + " has a test class with reports… and staysSilent… cases", () -> {
                Class<?> test = Class.forName(rule.getClass().getName() + "Test");
                List<String> names = Arrays.stream(test.getDeclaredMethods())
                        .filter(m -> m.isAnnotationPresent(Test.class)).map(Method::getName).toList();
                assertThat(names).anyMatch(n -> n.startsWith("reports")).anyMatch(n -> n.startsWith("staysSilent"));
            }));
            tests.add(dynamicTest(id + " is in the rules index and the README", () -> {
                assertThat(Files.readString(DOCS.resolve("README.md"))).contains("[`" + id + "`](" + id + ".md)");
                assertThat(Files.readString(Path.of("README.md"))).contains(id);
            }));
        }
        return tests;
    }
}
