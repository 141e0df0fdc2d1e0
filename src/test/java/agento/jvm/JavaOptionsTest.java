package agento.jvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * scripts/java-options carries -XX:+IgnoreUnrecognizedVMOptions so that a Java 17 older than 17.0.9 starts without
 * -XX:TrimNativeHeapInterval. That flag would also hide a misspelt option: this Java must know every one of them.
 */
class JavaOptionsTest {
    @Test
    void this_java_recognises_every_option_in_scripts_java_options() throws Exception {
        String line = Files.readString(Path.of("scripts/java-options"), StandardCharsets.UTF_8).trim();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        Arrays.stream(line.split("\\s+")).filter(o -> !o.equals("-XX:+IgnoreUnrecognizedVMOptions")).forEach(command::add);
        command.add("-version");
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(line).contains("-XX:+IgnoreUnrecognizedVMOptions", "-Xmx128m", "-XX:+ExitOnOutOfMemoryError");
        assertThat(output).doesNotContain("Unrecognized", "Error");
        assertThat(java.exitValue()).as(output).isZero();
    }
}
