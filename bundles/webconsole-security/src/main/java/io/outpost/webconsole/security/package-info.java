/**
 * Who may use the gateway's web console, and how it is reached. {@link io.outpost.webconsole.security.ConsoleLogin}
 * is the Web Console's security provider (id {@code outpost}): a login form, one operator account whose password is
 * generated on first start or configured as a PBKDF2 hash, a session with a timeout, and a throttle on failed
 * logins per client address. {@link io.outpost.webconsole.security.RequestGuard} puts the security headers on every
 * response of the HTTP service and refuses cross-site state-changing requests. {@link
 * io.outpost.webconsole.security.ConsoleHttps} gives Felix HTTP its HTTPS connector and certificate (configured, or
 * self-signed on first start). Nothing is exported.
 */
package io.outpost.webconsole.security;
