package io.memoflow.cli;

import io.memoflow.config.MemoflowSettings;
import io.memoflow.web.Users;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code memoflow user add|remove EMAIL}: the users of the web desk and the API (memoflow.web.users-file). */
@Command(name = "user", description = "Add or remove a user of the web desk and the API (the users file, bcrypt hashes).",
        subcommands = {UserCommand.Add.class, UserCommand.Remove.class})
public final class UserCommand implements Runnable {

    @Override
    public void run() {
        System.err.println("memoflow user: say what to do: memoflow user add EMAIL, or memoflow user remove EMAIL.");
    }

    static Users users(MemoflowCommand.HomeOption home) {
        Path dir = home.resolve();
        MemoflowSettings settings = MemoflowSettings.load(dir, System.getenv());
        return new Users(dir.resolve(settings.get("memoflow.web.users-file", "data/web-users")));
    }

    /** {@code memoflow user add EMAIL}: the password from the terminal (asked twice), or the first line of standard input. */
    @Command(name = "add", description = "Add a user, or set a new password for one. The password is read from the terminal "
            + "(asked twice), or, when standard input is not a terminal, from its first line.")
    static final class Add implements Callable<Integer> {

        @Mixin
        MemoflowCommand.HomeOption home = new MemoflowCommand.HomeOption();

        @Parameters(paramLabel = "EMAIL", description = "The user's e-mail address (the login name).")
        String email;

        @Override
        public Integer call() throws IOException {
            char[] password;
            Console console = System.console();
            if (console != null) {
                password = console.readPassword("Password for %s (at least %d characters): ", email, Users.MIN_PASSWORD_CHARS);
                char[] again = console.readPassword("The same password again: ");
                if (password == null || again == null || !Arrays.equals(password, again)) {
                    System.err.println("memoflow: the two passwords differ; nothing was changed. Run the command again.");
                    return 1;
                }
                Arrays.fill(again, ' ');
            } else {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (line == null) {
                    System.err.println("memoflow: no password on standard input; give it as its first line, e.g. "
                            + "memoflow user add " + email + " < password-file");
                    return 1;
                }
                password = line.toCharArray();
            }
            Users users = users(home);
            try {
                boolean added = users.add(email, password);
                System.out.println((added ? "Added " : "Set a new password for ") + Users.address(email) + " in " + users.file() + ".");
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println("memoflow: " + e.getMessage() + " Nothing was changed.");
                return 1;
            } finally {
                Arrays.fill(password, ' ');
            }
        }
    }

    /** {@code memoflow user remove EMAIL} */
    @Command(name = "remove", description = "Remove a user: their password and their desk sessions stop working at once.")
    static final class Remove implements Callable<Integer> {

        @Mixin
        MemoflowCommand.HomeOption home = new MemoflowCommand.HomeOption();

        @Parameters(paramLabel = "EMAIL", description = "The user's e-mail address.")
        String email;

        @Override
        public Integer call() {
            Users users = users(home);
            try {
                if (!users.remove(email)) {
                    System.err.println("memoflow: " + email + " is not a user in " + users.file() + "; nothing was changed.");
                    return 1;
                }
                System.out.println("Removed " + Users.address(email) + " from " + users.file() + ".");
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println("memoflow: " + e.getMessage());
                return 1;
            }
        }
    }
}
