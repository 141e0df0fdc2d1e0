package agento;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shape the code keeps as it grows: small classes, small folders, one-way package dependencies. */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(agento(?:\\.[a-z]\\w*)*)\\.[A-Z]",
            Pattern.MULTILINE);

    private static final Map<Path, String> sources = new TreeMap<>();

    @BeforeAll
    static void read() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                sources.put(file, Files.readString(file));
            }
        }
        assertThat(sources).hasSizeGreaterThan(50);
    }

    @Test
    void no_class_is_over_200_lines() {
        List<String> tooLong = new ArrayList<>();
        sources.forEach((file, text) -> {
            long lines = text.lines().count();
            if (lines > 200) {
                tooLong.add(file + " (" + lines + " lines)");
            }
        });
        assertThat(tooLong).isEmpty();
    }

    @Test
    void no_folder_holds_more_than_18_classes() {
        Map<Path, Long> perFolder = sources.keySet().stream()
                .collect(Collectors.groupingBy(Path::getParent, TreeMap::new, Collectors.counting()));
        assertThat(perFolder).allSatisfy((folder, count) -> assertThat(count).as(folder.toString()).isLessThanOrEqualTo(18));
    }

    @Test
    void no_constructor_takes_more_than_6_arguments() {
        List<String> wide = new ArrayList<>();
        sources.forEach((file, text) -> {
            String name = file.getFileName().toString().replace(".java", "");
            Matcher constructor = Pattern.compile("(?:public |protected |private |\\n\\s+)" + name + "\\(([^)]*)\\)\\s*\\{")
                    .matcher(text);
            while (constructor.find()) {
                String params = constructor.group(1).replaceAll("<[^>]*>", "");
                int count = params.isBlank() ? 0 : params.split(",").length;
                if (count > 6) {
                    wide.add(file + " (" + count + " arguments)");
                }
            }
        });
        assertThat(wide).isEmpty();
    }

    @Test
    void no_package_imports_a_package_that_imports_it_back() {
        Map<String, Set<String>> imports = new TreeMap<>();
        sources.values().forEach(text -> {
            Matcher pkg = PACKAGE.matcher(text);
            assertThat(pkg.find()).isTrue();
            Set<String> mine = imports.computeIfAbsent(pkg.group(1), p -> new TreeSet<>());
            Matcher imported = IMPORT.matcher(text);
            while (imported.find()) {
                if (!imported.group(1).equals(pkg.group(1))) {
                    mine.add(imported.group(1));
                }
            }
        });
        List<String> cycles = new ArrayList<>();
        imports.forEach((pkg, uses) -> uses.forEach(other -> {
            if (pkg.compareTo(other) < 0 && imports.getOrDefault(other, Set.of()).contains(pkg)) {
                cycles.add(pkg + " <-> " + other);
            }
        }));
        assertThat(cycles).isEmpty();
    }

    @Test
    void the_provider_core_does_not_depend_on_its_flows_or_web_layer() {
        sources.forEach((file, text) -> {
            if (file.toString().contains("agento/provider/core/")) {
                assertThat(text).as(file.toString())
                        .doesNotContain("import agento.provider.apikey.", "import agento.provider.oauth.",
                                "import agento.provider.refresh.", "import agento.provider.web.");
            }
        });
    }
}
