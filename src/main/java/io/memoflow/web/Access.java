package io.memoflow.web;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may use the desk and the API: the {@link Users}, sessions for the desk (kept in memory: a
 * restart logs everyone out), HTTP Basic for the API, and the lock-out: after
 * {@code memoflow.web.lockout-attempts} failed attempts in a row for one address, that address
 * cannot log in (even with the right password) for {@code memoflow.web.lockout-duration}.
 */
public final class Access {

    /** The name of the desk's session cookie. */
    public static final String COOKIE = "memoflow_session";

    /** Addresses with failed attempts remembered at most (beyond this, those not locked out are forgotten). */
    private static final int MAX_TRACKED = 10_000;

    private final Users users;
    private final Clock clock;
    private final int attempts;
    private final Duration lockFor;
    private final Duration idle;
    private final boolean secure;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    /**
     * @param attempts failed attempts in a row after which an address is locked out
     * @param lockFor  how long it stays locked out
     * @param idle     how long a session lasts without use
     * @param secure   true when the desk is reached over https: the cookie is then marked Secure
     */
    public Access(Users users, Clock clock, int attempts, Duration lockFor, Duration idle, boolean secure) {
        this.users = users;
        this.clock = clock;
        this.attempts = Math.max(1, attempts);
        this.lockFor = lockFor;
        this.idle = idle;
        this.secure = secure;
    }

    /** A logged-in user; {@code csrf} is the value the session's forms carry. */
    public record Session(String id, String user, String csrf, Instant lastUsed) {
    }

    /** The outcome of a login or a Basic check: the user, or why not (then user is null). */
    public record Check(String user, Instant lockedUntil) {
        public boolean ok() {
            return user != null;
        }
    }

    private record Failures(int count, Instant lockedUntil) {
    }

    public Users users() {
        return users;
    }

    /** Checks an address and password, counting failures for the lock-out. */
    public Check check(String email, char[] password) {
        String key = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        Failures f = failures.get(key);
        if (f != null && f.lockedUntil() != null && now.isBefore(f.lockedUntil())) {
            return new Check(null, f.lockedUntil());
        }
        if (users.check(key, password)) {
            failures.remove(key);
            return new Check(key, null);
        }
        if (failures.size() > MAX_TRACKED) {
            // many addresses tried (a scan): forget those that are not locked out, so memory stays bounded
            failures.values().removeIf(x -> x.lockedUntil() == null || !now.isBefore(x.lockedUntil()));
        }
        Failures next = failures.merge(key, new Failures(1, null), (a, b) -> new Failures(
                a.lockedUntil() != null && !now.isBefore(a.lockedUntil()) ? 1 : a.count() + 1, null));
        if (next.count() >= attempts) {
            next = new Failures(next.count(), now.plus(lockFor));
            failures.put(key, next);
        }
        return new Check(null, next.lockedUntil());
    }

    /** The user of an {@code Authorization: Basic ...} header, or why not. */
    public Check basic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return new Check(null, null);
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new Check(null, null); // not base64: no credentials
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return new Check(null, null);
        }
        return check(decoded.substring(0, colon), decoded.substring(colon + 1).toCharArray());
    }

    /** Starts a session for a user who logged in. */
    public Session open(String user) {
        Session s = new Session(token(), user, token(), clock.instant());
        sessions.put(s.id(), s);
        return s;
    }

    /**
     * The session of a cookie value, if it exists, has not been idle too long and its user is still in
     * the users file (its use is recorded).
     */
    public Optional<Session> session(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        Instant now = clock.instant();
        if (s == null) {
            return Optional.empty();
        }
        if (now.isAfter(s.lastUsed().plus(idle)) || !users.has(s.user())) {
            sessions.remove(id);
            return Optional.empty();
        }
        Session used = new Session(s.id(), s.user(), s.csrf(), now);
        sessions.put(id, used);
        return Optional.of(used);
    }

    public void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** The Set-Cookie value that holds a session: HttpOnly, SameSite=Strict, Secure over https. */
    public String cookie(Session s) {
        return COOKIE + "=" + s.id() + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + idle.toSeconds() + (secure ? "; Secure" : "");
    }

    /** The Set-Cookie value that removes the session cookie. */
    public String removeCookie() {
        return COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" + (secure ? "; Secure" : "");
    }

    private String token() {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
