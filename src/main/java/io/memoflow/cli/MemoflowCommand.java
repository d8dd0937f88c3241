package io.memoflow.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code memoflow} command and its sub-commands. */
@Command(name = "memoflow", mixinStandardHelpOptions = true, versionProvider = MemoflowCommand.Version.class,
        description = "Document workflow for memoranda of understanding: drafts in, reviewed, approved, signed PDFs out.",
        subcommands = {RunCommand.class, SubmitCommand.class, DecideCommand.class, StatusCommand.class, DiffCommand.class, VerifyCommand.class,
                RenewCommand.class, MigrateCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class MemoflowCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new MemoflowCommand());
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            cmd.getErr().println("memoflow: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            if (Boolean.getBoolean("memoflow.debug")) {
                ex.printStackTrace(cmd.getErr());
            }
            return 2;
        });
        return cl;
    }

    /** The --home option shared by every sub-command. */
    public static final class HomeOption {
        @Option(names = "--home", paramLabel = "DIR",
                description = "The home folder (default: $MEMOFLOW_HOME, else the current folder).")
        Path home;

        public Path resolve() {
            if (home != null) {
                return home.toAbsolutePath().normalize();
            }
            String env = System.getenv("MEMOFLOW_HOME");
            return Path.of(env != null && !env.isBlank() ? env : System.getProperty("user.dir")).toAbsolutePath().normalize();
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = MemoflowCommand.class.getPackage().getImplementationVersion();
            return new String[] {"memoflow " + (v == null ? "(development build)" : v)};
        }
    }
}
