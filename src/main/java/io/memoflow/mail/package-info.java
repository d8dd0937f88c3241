/**
 * Mail in plain Jakarta Mail, without Camel: incoming mails read from their raw bytes (drafts
 * submitted by mail, replies to decision requests with their tokens, who may submit), the mails
 * memoflow writes, and the IMAP and SMTP servers its settings name.
 */
package io.memoflow.mail;
