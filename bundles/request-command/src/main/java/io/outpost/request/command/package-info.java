/**
 * {@code CMD-V1}, Kura's remote command, made narrow: {@link io.outpost.request.command.CommandSwitch} registers the
 * {@link io.outpost.request.command.CommandHandler} only when the configuration switches it on (off by default: the
 * app id then does not exist and requests get 404). A command is either an allow-listed Gogo command, called as a
 * function with the arguments as values ({@link io.outpost.request.command.GogoCommandRunner}), or an allow-listed
 * executable started directly with its arguments ({@link io.outpost.request.command.OsCommandRunner}); no shell
 * ever reads the request. A password, a timeout and bounded output apply to both. See docs/remote-management.md.
 */
package io.outpost.request.command;
