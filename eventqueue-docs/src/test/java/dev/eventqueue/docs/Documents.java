package dev.eventqueue.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The user documentation this module keeps true, and the code its blocks are cut from: regions
 * between {@code // tag::name[]} and {@code // end::name[]} in this module's test sources and in
 * the example domain that the demo and the Spring Boot sample run on.
 */
public final class Documents {

    /** The repository's root, seen from this module's folder, where Maven runs its tests. */
    public static final Path ROOT = Path.of("..");

    /** The documents these tests keep true. */
    public static final List<String> CHECKED = List.of(
            "README.md",
            "docs/README.md",
            "docs/getting-started.md",
            "docs/events-and-handlers.md",
            "docs/configuration.md",
            "docs/databases.md",
            "docs/transactions-and-outbox.md",
            "docs/many-nodes.md",
            "docs/testing-your-store.md",
            "docs/troubleshooting.md",
            "docs/demo-and-cli.md",
            "docs/spring-boot.md",
            "docs/PERFORMANCE.md",
            "docs/DELIVERY-POLICIES.md",
            "docs/DELIVERY-ORDER.md",
            "docs/EVENT-TYPES.md",
            "docs/OPERATIONS.md",
            "docs/OBSERVABILITY.md",
            "docs/SECURITY.md",
            "docs/RELIABILITY.md",
            "docs/testing.md");

    /** Documents whose Java blocks are code of another module, checked by that module's tests. */
    public static final Set<String> SNIPPETS_ELSEWHERE = Set.of("docs/spring-boot.md", "docs/OBSERVABILITY.md");

    private static final Path SOURCES = Path.of("src", "test", "java");
    private static final Path EXAMPLE_DOMAIN =
            ROOT.resolve(Path.of("eventqueue-example-domain", "src", "main", "java"));
    private static final Pattern TAG = Pattern.compile("^\\s*// tag::([a-z0-9-]+)\\[]\\s*$");

    private Documents() {}

    public static String read(String document) {
        try {
            return Files.readString(ROOT.resolve(document), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The contents of every fenced block of that language, in order. */
    public static List<String> blocks(String text, String language) {
        Matcher matcher = Pattern.compile("(?m)^```" + Pattern.quote(language) + "\\n(.*?)^```", Pattern.DOTALL)
                .matcher(text);
        List<String> blocks = new ArrayList<>();
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        return blocks;
    }

    /** Tag name to de-indented code, from every Java source of this module's tests and of the example domain. */
    public static Map<String, String> snippets() {
        try (Stream<Path> tests = Files.walk(SOURCES);
                Stream<Path> domain = Files.walk(EXAMPLE_DOMAIN)) {
            return snippets(Stream.concat(tests, domain));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tag name to de-indented code, from the Java sources of one package of this module's tests. */
    public static Map<String, String> snippets(String packageName) {
        try (Stream<Path> files = Files.list(SOURCES.resolve(packageName.replace('.', '/')))) {
            return snippets(files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> snippets(Stream<Path> files) throws IOException {
        Map<String, String> snippets = new LinkedHashMap<>();
        for (Path file :
                files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher tag = TAG.matcher(lines.get(i));
                if (tag.matches()) {
                    String name = tag.group(1);
                    int end = lines.indexOf(lines.get(i).replace("tag::", "end::"));
                    if (end <= i) {
                        throw new IllegalStateException("tag " + name + " in " + file + " has no end");
                    }
                    if (snippets.put(name, deindent(lines.subList(i + 1, end))) != null) {
                        throw new IllegalStateException("tag " + name + " appears twice");
                    }
                }
            }
        }
        return snippets;
    }

    private static String deindent(List<String> lines) {
        int indent = lines.stream()
                .filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length())
                .min()
                .orElse(0);
        StringBuilder code = new StringBuilder();
        for (String line : lines) {
            code.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return code.toString();
    }
}
