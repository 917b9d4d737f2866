package org.maildrift.mta.postfix.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.mta.FilesRoot;

class TableDefinitionTest {

    @TempDir
    Path root;

    @Test
    void expandsQueriesAsDbCommonExpandDoes() {
        assertThat(QueryExpansion.query("SELECT 1 WHERE d='%s' AND u='%u' AND t='%1' AND s='%2' AND p='%%'",
                "joe@mail.example.com", QueryExpansion::quoteDoubling))
                .isEqualTo("SELECT 1 WHERE d='joe@mail.example.com' AND u='joe' AND t='com' AND s='example' AND p='%'");
        assertThat(QueryExpansion.query("WHERE d='%d'", "example.com", QueryExpansion::quoteDoubling)).isNull();
        assertThat(QueryExpansion.query("WHERE u='%u'", "example.com", QueryExpansion::quoteDoubling))
                .isEqualTo("WHERE u='example.com'");
        assertThat(QueryExpansion.query("WHERE u='%u'", "@example.com", QueryExpansion::quoteDoubling)).isNull();
        assertThat(QueryExpansion.query("WHERE x='%4'", "a@b.c", QueryExpansion::quoteDoubling)).isNull();
        assertThat(QueryExpansion.query("'%s'", "it's", QueryExpansion::quoteDoubling)).isEqualTo("'it''s'");
        assertThat(QueryExpansion.query("'%s'", "a'b\\c", QueryExpansion::quoteMysql)).isEqualTo("'a\\'b\\\\c'");
        assertThat(QueryExpansion.result("<%s|%d|%S>", "box@example.org", "key")).isEqualTo("<box@example.org|example.org|key>");
    }

    @Test
    void refusesDefinitionsPostfixRefusesAndQueriesThatWrite() {
        assertThatThrownBy(() -> TableDefinition.parse("mysql", "/etc/postfix/a.cf", "query = SELECT '%x'\n"))
                .hasMessage("/etc/postfix/a.cf:1: invalid %x in the template");
        assertThatThrownBy(() -> TableDefinition.parse("mysql", "/etc/postfix/a.cf", "hosts = db\n\nquery = DELETE FROM d\n"))
                .hasMessageContaining("/etc/postfix/a.cf:3: query does not start with SELECT");
        assertThatThrownBy(() -> TableDefinition.parse("sqlite", "/etc/postfix/a.cf", "dbpath = /x\n"))
                .hasMessageContaining("no query");
        assertThatThrownBy(() -> TableDefinition.parse("sqlite", "/etc/postfix/a.cf", "query = SELECT 1\nexpansion_limit = x\n"))
                .hasMessageContaining("a.cf:2: expansion_limit must be a number");
    }

    @Test
    void neverShowsThePassword() throws Exception {
        TableDefinition d = TableDefinition.parse("mysql", "/etc/postfix/a.cf",
                "user = postfix\npassword = s3cret\nquery = SELECT 1\n");
        assertThat(d.toString()).doesNotContain("s3cret");
    }

    @Test
    void queriesADatabaseOnlyWhereTheInventorySaysHowToReachIt() throws Exception {
        Path etc = Files.createDirectories(root.resolve("etc/postfix"));
        Files.writeString(etc.resolve("my.cf"), "hosts = 127.0.0.1\nuser = u\npassword = p\ndbname = mail\n"
                + "query = SELECT 1 FROM d WHERE d='%s'\n");
        Files.writeString(etc.resolve("bad.cf"), "hosts = evil;host\ndbname = mail\nquery = SELECT 1\n");
        try (TableConnections none = new TableConnections(List.of());
                TableConnections some = new TableConnections(List.of(new TableOverride("/etc/postfix/bad.cf", null,
                        null, null, null, null)))) {
            assertThat(none.open("mysql", "/etc/postfix/my.cf", FilesRoot.at(root)).failure())
                    .contains("hosts = 127.0.0.1 is seen from the mail host").doesNotContain("p\n");
            assertThat(some.open("mysql", "/etc/postfix/bad.cf", FilesRoot.at(root)).failure())
                    .contains("is not host[:port]");
            assertThat(none.open("sqlite", "/etc/postfix/missing.cf", FilesRoot.at(root)).failure())
                    .contains("file not found under files-root");
            assertThat(none.open("ldap", "/etc/postfix/my.cf", FilesRoot.at(root)).failure())
                    .contains("say in the inventory how maildrift reaches this directory");
            assertThat(none.open("memcache", "/etc/postfix/my.cf", FilesRoot.at(root)).failure())
                    .contains("the host's agent can answer for it");
        }
    }

    @Test
    void aFailedLookupIsNeverNotFound() throws Exception {
        Path etc = Files.createDirectories(root.resolve("etc/postfix"));
        Files.writeString(etc.resolve("my.cf"), "hosts = 127.0.0.1:" + org.maildrift.testsupport.BindServer.freePort()
                + "\nuser = u\npassword = p\ndbname = mail\nquery = SELECT 1 FROM d WHERE d='%s'\n");
        try (TableConnections t = new TableConnections(List.of(new TableOverride("/etc/postfix/my.cf", null, null, null,
                null, null)))) {
            TableLookup lookup = t.open("mysql", "/etc/postfix/my.cf", FilesRoot.at(root)).lookup();
            TableAnswer a = lookup.lookup("example.com");
            assertThat(a.kind()).isEqualTo(TableAnswer.Kind.FAILED);
            assertThat(a.detail()).startsWith("could not connect to the database").doesNotContain("u'@");
        }
        try (TableConnections spent = new TableConnections(List.of(), 0)) {
            Files.writeString(etc.resolve("s.cf"), "dbpath = /var/db.sqlite\nquery = SELECT 1 WHERE '%s' = 'x'\n");
            Files.createDirectories(root.resolve("var"));
            Files.writeString(root.resolve("var/db.sqlite"), "");
            TableAnswer a = spent.open("sqlite", "/etc/postfix/s.cf", FilesRoot.at(root)).lookup().lookup("x");
            assertThat(a.kind()).isEqualTo(TableAnswer.Kind.FAILED);
            assertThat(a.detail()).contains("budget");
        }
    }

    @Test
    void agentAnswersAndQuestions() {
        AgentTableAnswers answers = AgentTableAnswers.parse("mysql:/etc/p/d.cf\texample.com\tfound\texample.com\n"
                + "mysql:/etc/p/d.cf\tother.org\tnot-found\n"
                + "mysql:/etc/p/d.cf\tbroken.net\tfailed\n"
                + "garbage line\n"
                + "mysql:/etc/p/d.cf\tx\tmaybe\n");
        assertThat(answers.ignoredLines()).isEqualTo(2);
        TableLookup l = answers.open("mysql", "/etc/p/d.cf", FilesRoot.none()).lookup();
        assertThat(l.lookup("EXAMPLE.COM").kind()).isEqualTo(TableAnswer.Kind.FOUND);
        assertThat(l.lookup("other.org").kind()).isEqualTo(TableAnswer.Kind.NOT_FOUND);
        assertThat(l.lookup("broken.net").kind()).isEqualTo(TableAnswer.Kind.FAILED);
        assertThat(l.lookup("unasked.example").kind()).isEqualTo(TableAnswer.Kind.FAILED);
        assertThat(answers.open("pgsql", "/etc/p/d.cf", FilesRoot.none()).failure()).contains("has not answered");
        assertThat(AgentTableAnswers.questions(List.of("sqlite:/b.cf", "mysql:/a.cf"), List.of("ML.Example.COM.", "bad name")))
                .containsExactly("mysql:/a.cf\tml.example.com", "mysql:/a.cf\texample.com", "mysql:/a.cf\tcom",
                        "sqlite:/b.cf\tml.example.com", "sqlite:/b.cf\texample.com", "sqlite:/b.cf\tcom");
    }
}
