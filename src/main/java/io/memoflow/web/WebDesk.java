package io.memoflow.web;

import io.memoflow.app.Memoflow;
import io.memoflow.config.MemoflowSettings;
import java.net.URI;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web desk assembled from memoflow's settings ({@code memoflow.web.*}): the decision pages,
 * the desk, the API and the users they share. {@link #handle} runs one handler and turns an
 * unexpected failure into a plain 500 page (the reason is logged, not shown).
 */
public final class WebDesk {

    private static final Logger LOG = LoggerFactory.getLogger("memoflow");

    private final DecisionPages decisions;
    private final Desk desk;
    private final Api api;
    private final Access access;
    private final String baseUrl;

    public WebDesk(DecisionPages decisions, Desk desk, Api api, Access access, String baseUrl) {
        this.decisions = decisions;
        this.desk = desk;
        this.api = api;
        this.access = access;
        this.baseUrl = baseUrl;
    }

    public static WebDesk assemble(Memoflow memoflow) {
        MemoflowSettings settings = memoflow.settings();
        String baseUrl = baseUrl(settings);
        String origin = origin(baseUrl);
        Users users = new Users(settings.home().resolve(settings.get("memoflow.web.users-file", "data/web-users")));
        Duration lockFor = settings.getDuration("memoflow.web.lockout-duration");
        Duration idle = settings.getDuration("memoflow.web.session-idle");
        Access access = new Access(users, memoflow.clock(), settings.getInt("memoflow.web.lockout-attempts", 5),
                lockFor == null ? Duration.ofMinutes(15) : lockFor, idle == null ? Duration.ofHours(8) : idle, baseUrl.startsWith("https:"));
        DecisionPages decisions = new DecisionPages(memoflow.service(), memoflow.documents(), memoflow.decisionLinks(), origin);
        Desk desk = new Desk(memoflow.service(), memoflow.documents(), access, memoflow.decisionLinks(), memoflow.folder("signed"), origin);
        Api api = new Api(memoflow.service(), access, desk, memoflow.draftLimits().maxBytes(), memoflow.folder("signed"));
        return new WebDesk(decisions, desk, api, access, baseUrl);
    }

    /** Where the desk is reached ({@link Memoflow#webBaseUrl}); when it is off, where it would be. */
    static String baseUrl(MemoflowSettings settings) {
        String url = Memoflow.webBaseUrl(settings);
        return url != null ? url : "http://127.0.0.1:8460";
    }

    /** The origin (scheme://host[:port]) browsers send for pages of a base URL. */
    static String origin(String baseUrl) {
        URI uri = URI.create(baseUrl);
        int port = uri.getPort();
        boolean standard = port < 0 || (uri.getScheme().equals("http") && port == 80) || (uri.getScheme().equals("https") && port == 443);
        return uri.getScheme() + "://" + uri.getHost() + (standard ? "" : ":" + port);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public DecisionPages decisions() {
        return decisions;
    }

    public Desk desk() {
        return desk;
    }

    public Api api() {
        return api;
    }

    public Access access() {
        return access;
    }

    /** Runs a handler; an unexpected failure becomes a 500 answer that tells nothing of the inside. */
    public WebResponse handle(WebRequest r, Function<WebRequest, WebResponse> handler, boolean json) {
        try {
            return handler.apply(r);
        } catch (RuntimeException e) {
            LOG.error("The web desk could not answer a {} request: {}", r.method(), e.getMessage(), e);
            if (json) {
                return Api.error(500, "memoflow could not answer; nothing was changed.", "Try again later; the server's log says why.");
            }
            Words w = Words.choose(r.param("lang"), r.header("accept-language"), null);
            return WebResponse.html(500, Html.page(w, "memoflow", "", "<section class=\"refused\"><p>" + Html.esc(w.t("error"))
                    + "</p></section>"));
        }
    }
}
