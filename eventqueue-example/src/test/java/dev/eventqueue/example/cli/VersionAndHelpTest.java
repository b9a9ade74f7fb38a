package dev.eventqueue.example.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The CLI and each of its commands (the demo among them) answer --version and --help. */
class VersionAndHelpTest {

    /** Every command that takes options: the top level and each subcommand but picocli's own "help". */
    static Stream<String> commands() {
        List<String> commands = new ArrayList<>();
        commands.add("");
        EventQueueCommand.commandLine().getSubcommands().forEach((name, subcommand) -> {
            if (!(subcommand.getCommand() instanceof CommandLine.HelpCommand)) {
                commands.add(name);
            }
        });
        return commands.stream();
    }

    @ParameterizedTest(name = "eventqueue {0} --version")
    @MethodSource("commands")
    void versionPrintsTheVersion(String command) {
        Result result = run(command, "--version");

        assertThat(result.exitCode).isZero();
        assertThat(result.out).isEqualTo(new Version().getVersion()[0] + System.lineSeparator());
        assertThat(result.out).startsWith("eventqueue ").contains("0.1.0");
    }

    @ParameterizedTest(name = "eventqueue {0} --help")
    @MethodSource("commands")
    void helpPrintsTheUsage(String command) {
        Result result = run(command, "--help");

        assertThat(result.exitCode).isZero();
        assertThat(result.out)
                .startsWith("Usage: eventqueue" + (command.isEmpty() ? "" : " " + command))
                .contains("-V, --version")
                .contains("-h, --help");
    }

    @ParameterizedTest(name = "eventqueue {0} -V")
    @MethodSource("commands")
    void theShortFormPrintsTheVersionToo(String command) {
        assertThat(run(command, "-V").out).startsWith("eventqueue ");
    }

    private static Result run(String command, String option) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = EventQueueCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        int exitCode = command.isEmpty() ? commandLine.execute(option) : commandLine.execute(command, option);
        assertThat(err.toString()).isEmpty();
        return new Result(exitCode, out.toString());
    }

    private record Result(int exitCode, String out) {}
}
