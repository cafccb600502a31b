/**
 * The Outpost pages of the Felix Web Console (category "Outpost"), each reading the same services as the Gogo
 * commands: {@link io.outpost.webconsole.plugins.DashboardPage} (devices and channels, live over Server-Sent Events,
 * with a chart of the last minutes), {@link io.outpost.webconsole.plugins.FilterPage},
 * {@link io.outpost.webconsole.plugins.LinksPage} (links and outbox), {@link io.outpost.webconsole.plugins.UpdatesPage}
 * and {@link io.outpost.webconsole.plugins.RequestsPage} (the remote-management audit). A page whose service is
 * missing says "not installed". {@link io.outpost.webconsole.plugins.ConfigurationRefusals} makes the console's
 * configuration forms refuse what the components would refuse, with their messages.
 */
package io.outpost.webconsole.plugins;
