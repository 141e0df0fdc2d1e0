package agento;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** scripts/run's training run for the class-data archive: a whole first start and visit, and nothing left behind. */
class ClassDataTrainingTest {
    private static List<Path> trainingFolders() throws IOException {
        try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return tmp.filter(p -> p.getFileName().toString().startsWith("agento-cds-training")).toList();
        }
    }

    @Test
    void it_starts_agento_opens_the_first_pages_and_deletes_its_folder() throws IOException {
        List<Path> before = trainingFolders();

        ClassDataTraining.run(); // throws unless every page answered 200

        assertThat(trainingFolders()).containsExactlyInAnyOrderElementsOf(before);
        assertThat(ClassDataTraining.PAGES).contains("/health", "/setup");
    }
}
