/**
 * The web desk, without Camel: the decision pages behind the personal links in request mails,
 * the office's desk (login, list, one memorandum), the HTTP API, the users file (bcrypt) and
 * sessions. Each handler takes a {@link io.memoflow.web.WebRequest} and answers a
 * {@link io.memoflow.web.WebResponse}; {@code camel/WebEndpoints} carries them to and from
 * Camel's platform HTTP. Every value from outside is HTML-escaped ({@link io.memoflow.web.Html}).
 */
package io.memoflow.web;
