/** Integration tests of hot plug: uninstalling and reinstalling a driver bundle while devices run. */
package io.outpost.itests.hotplug;
