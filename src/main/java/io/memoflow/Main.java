package io.memoflow;

import io.memoflow.cli.MemoflowCommand;
import java.util.Map;
import java.util.OptionalInt;
import picocli.CommandLine;

/** memoflow's entry point: {@code memoflow run | submit | decide | status | verify}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        boolean daemon = args.length > 0 && args[0].equals("run");
        if (System.getProperty("memoflow.log.level") == null) {
            System.setProperty("memoflow.log.level", daemon ? "INFO" : "WARN");
        }
        OptionalInt status = MemoflowCommand.statusWithoutParser(args);
        if (status.isPresent()) {
            System.exit(status.getAsInt());
        }
        Map.Entry<CommandLine, String[]> command = MemoflowCommand.commandLine(args);
        System.exit(command.getKey().execute(command.getValue()));
    }
}
