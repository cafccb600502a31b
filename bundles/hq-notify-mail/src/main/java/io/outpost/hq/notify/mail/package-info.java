/**
 * The e-mail notifier: SMTP with STARTTLS (required, not opportunistic), implicit TLS or plain (for a local relay),
 * with or without authentication, through Eclipse Angus Mail. With {@code logFile} set, mails are appended to that
 * file instead (the "log sink" for demos and for machines without a mail server).
 */
package io.outpost.hq.notify.mail;
