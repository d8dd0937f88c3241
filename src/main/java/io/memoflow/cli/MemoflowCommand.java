package io.memoflow.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalInt;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code memoflow} command and its sub-commands. */
@Command(name = "memoflow", mixinStandardHelpOptions = true, versionProvider = MemoflowCommand.Version.class,
        description = "Document workflow for memoranda of understanding: drafts in, reviewed, approved, signed PDFs out.",
        subcommands = {RunCommand.class, SubmitCommand.class, DecideCommand.class, StatusCommand.class, DiffCommand.class, VerifyCommand.class,
                RenewCommand.class, UserCommand.class, MigrateCommand.class,
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
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> failed(ex, cmd.getErr()));
        return cl;
    }

    /**
     * The command line for {@code args}: for {@code memoflow run ...}, the daemon's command alone,
     * named {@code memoflow run}, so that its start does not build the model of every other command
     * (a tenth of the time to ready); for anything else, {@link #commandLine()}.
     *
     * @return the command line and the arguments it takes
     */
    public static Map.Entry<CommandLine, String[]> commandLine(String[] args) {
        if (args.length > 0 && args[0].equals("run")) {
            CommandLine cl = new CommandLine(new RunCommand()).setCommandName("memoflow run");
            cl.setExecutionExceptionHandler((ex, cmd, parse) -> failed(ex, cmd.getErr()));
            return Map.entry(cl, Arrays.copyOfRange(args, 1, args.length));
        }
        return Map.entry(commandLine(), args);
    }

    /** What a command that failed prints: its message (and the stack trace with -Dmemoflow.debug=true); exit code 2. */
    private static int failed(Exception ex, PrintWriter err) {
        err.println("memoflow: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
        if (Boolean.getBoolean("memoflow.debug")) {
            ex.printStackTrace(err);
        }
        err.flush();
        return 2;
    }

    /**
     * Runs {@code memoflow status [--home DIR] [--json] [REF]} without building the command-line
     * model of every command (most of a short command's start-up: the parser's own classes cannot
     * be put in the class-data archive). Anything else, or these options in another spelling, is
     * left to {@link #commandLine()}: the exit code is empty then.
     */
    public static OptionalInt statusWithoutParser(String[] args) {
        if (args.length == 0 || !args[0].equals("status")) {
            return OptionalInt.empty();
        }
        StatusCommand status = new StatusCommand();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--json") && !status.json) {
                status.json = true;
            } else if (a.equals("--home") && i + 1 < args.length && !args[i + 1].startsWith("-") && status.home.home == null) {
                status.home.home = Path.of(args[++i]);
            } else if (!a.startsWith("-") && !a.isEmpty() && status.reference == null) {
                status.reference = a;
            } else {
                return OptionalInt.empty();
            }
        }
        try {
            return OptionalInt.of(status.call());
        } catch (Exception e) {
            return OptionalInt.of(failed(e, new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true)));
        }
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
