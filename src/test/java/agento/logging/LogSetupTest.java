package agento.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class LogSetupTest {
    @Test
    void agento_logs_at_info_to_the_console_and_libraries_at_warn() {
        LoggerContext context = new LoggerContext();
        LogSetup setup = new LogSetup();
        setup.setContext(context);

        assertThat(setup.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        assertThat(root.getAppender("CONSOLE")).isInstanceOf(ConsoleAppender.class);
        assertThat(context.getLogger("org.eclipse.jetty.server.Server").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("agento.http").getEffectiveLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void a_configuration_file_named_on_the_command_line_is_left_to_logback() {
        System.setProperty("logback.configurationFile", "custom-logback.xml");
        try {
            LoggerContext context = new LoggerContext();
            LogSetup setup = new LogSetup();
            setup.setContext(context);

            assertThat(setup.configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
            assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE")).isNull();
        } finally {
            System.clearProperty("logback.configurationFile");
        }
    }
}
