package dev.eventqueue.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every Java block of the documentation is a tagged region of this module's test sources, which
 * the compiler checks and the other tests of this module run; every region is shown somewhere;
 * dependency blocks name real modules at the build's version; the README's test command is the
 * one CI runs.
 */
class CodeBlocksTest {

    private static final Pattern ARTIFACT = Pattern.compile("<artifactId>([^<]+)</artifactId>");
    private static final Pattern VERSION = Pattern.compile("<version>([^<]+)</version>");

    @Test
    void everyJavaBlockIsATaggedSnippetAndEverySnippetIsShown() {
        Map<String, String> snippets = Documents.snippets();
        List<String> shown = new ArrayList<>();
        for (String document : Documents.CHECKED) {
            if (Documents.SNIPPETS_ELSEWHERE.contains(document)) {
                continue; // the sample's SpringBootGuideTest checks these
            }
            for (String block : Documents.blocks(Documents.read(document), "java")) {
                assertThat(snippets.values())
                        .as("a Java block of %s that is no tagged snippet of eventqueue-docs:%n%s", document, block)
                        .contains(block);
                shown.add(block);
            }
        }
        snippets.forEach((name, code) ->
                assertThat(shown).as("snippet '%s' shown in a document", name).contains(code));
    }

    @Test
    void dependencyBlocksNameModulesOfThisBuildAtItsVersion() throws IOException {
        String parentPom = Files.readString(Documents.ROOT.resolve("pom.xml"));
        Matcher projectVersion = VERSION.matcher(parentPom);
        assertThat(projectVersion.find()).isTrue();
        for (String document : Documents.CHECKED) {
            for (String block : Documents.blocks(Documents.read(document), "xml")) {
                Matcher artifact = ARTIFACT.matcher(block);
                while (artifact.find()) {
                    String name = artifact.group(1);
                    if (name.startsWith("eventqueue")) {
                        assertThat(parentPom)
                                .as("%s names module %s", document, name)
                                .contains("<module>" + name + "</module>");
                    }
                }
                Matcher version = VERSION.matcher(block);
                while (version.find()) {
                    assertThat(version.group(1)).as("version in %s", document).isEqualTo(projectVersion.group(1));
                }
            }
        }
    }

    @Test
    void theReadmesTestCommandIsWhatCiRunsAndTheDemoCommandExists() throws IOException {
        String readme = Documents.read("README.md");
        String ci = Files.readString(Documents.ROOT.resolve(".ci/run"));

        assertThat(readme).contains("| run the tests | `mvn verify` |").contains("| `./demo` |");
        assertThat(ci).contains("mvn -B -ntp verify"); // the same command, in batch mode without progress
        assertThat(Documents.ROOT.resolve("demo")).isExecutable();
    }

    @Test
    void theReadmeIsALandingPage() {
        String readme = Documents.read("README.md");

        assertThat(readme.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(15_000);
        assertThat(readme).contains("outbox", "domain events", "job queue", "daemon");
    }

    @Test
    void everyCodeFenceIsClosed() {
        for (String document : Documents.CHECKED) {
            long fences = Documents.read(document)
                    .lines()
                    .filter(line -> line.startsWith("```"))
                    .count();
            assertThat(fences % 2).as("unclosed code fence in %s", document).isZero();
        }
    }

    @Test
    void noDocumentSpeaksOfHowTheProjectWasMade() {
        Pattern words = Pattern.compile("(?i)\\bseed\\b|\\bSPEC\\b|§|\\bhelper\\b|<!-- section:");
        for (String document : Documents.CHECKED) {
            assertThat(words.matcher(Documents.read(document)).find())
                    .as("%s mentions how the project was made", document)
                    .isFalse();
        }
    }
}
