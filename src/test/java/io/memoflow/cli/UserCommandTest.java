package io.memoflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.testing.TestHomes;
import io.memoflow.web.Users;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** memoflow user add|remove: the users file of the web desk, bcrypt hashes, the password from standard input. */
class UserCommandTest {

    static final Path HOME = TestHomes.fresh("UserCommandTest");

    private int run(String stdin, String... args) {
        InputStream before = System.in;
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            String[] all = new String[args.length + 2];
            System.arraycopy(args, 0, all, 0, args.length);
            all[args.length] = "--home";
            all[args.length + 1] = HOME.toString();
            return MemoflowCommand.commandLine().execute(all);
        } finally {
            System.setIn(before);
        }
    }

    @Test
    void aUserAddedWithAPasswordOnStandardInputCanLogInAndARemovedOneCannot() throws Exception {
        assertThat(run("long enough password\n", "user", "add", "Clerk@Example.org")).isZero();
        Path file = HOME.resolve("data/web-users");
        String text = Files.readString(file);
        assertThat(text).contains("clerk@example.org:$2y$").doesNotContain("long enough password");
        Users users = new Users(file);
        assertThat(users.check("clerk@example.org", "long enough password".toCharArray())).isTrue();
        assertThat(users.check("clerk@example.org", "another password".toCharArray())).isFalse();

        assertThat(run("", "user", "remove", "clerk@example.org")).isZero();
        assertThat(users.check("clerk@example.org", "long enough password".toCharArray())).isFalse();
        assertThat(run("", "user", "remove", "clerk@example.org")).isEqualTo(1);
    }

    @Test
    void aShortPasswordOrAnAddressThatIsNoneIsRefusedAndNothingIsWritten() {
        assertThat(run("short\n", "user", "add", "short@example.org")).isEqualTo(1);
        assertThat(run("long enough password\n", "user", "add", "not-an-address")).isEqualTo(1);
        assertThat(new Users(HOME.resolve("data/web-users")).has("short@example.org")).isFalse();
    }
}
