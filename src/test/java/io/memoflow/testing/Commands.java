package io.memoflow.testing;

import io.memoflow.cli.MemoflowCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.IntSupplier;
import picocli.CommandLine;

/** Runs memoflow's commands in the test's own JVM and gives back their exit status and what they printed. */
public final class Commands {

    /** A command's exit status and its standard output. */
    public record Run(int exit, String out) {
    }

    private Commands() {
    }

    /** {@code memoflow ARGS}, through the command-line parser as the launcher runs it. */
    public static Run run(String... args) {
        return capture(() -> {
            Map.Entry<CommandLine, String[]> command = MemoflowCommand.commandLine(args);
            return command.getKey().execute(command.getValue());
        });
    }

    /** Runs {@code command} with standard output captured (UTF-8), and puts standard output back afterwards. */
    public static Run capture(IntSupplier command) {
        PrintStream before = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            int exit = command.getAsInt();
            return new Run(exit, bytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(before);
        }
    }
}
