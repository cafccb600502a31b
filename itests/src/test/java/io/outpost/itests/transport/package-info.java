/**
 * Integration tests of the cellular SMS and satellite SBD links: the real link bundles in the framework, talking
 * over socat pseudo-terminal pairs to the simulated modems of {@code testing/modem-sim}.
 */
package io.outpost.itests.transport;
