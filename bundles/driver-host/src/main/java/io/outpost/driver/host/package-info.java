/** The host-metrics driver: the gateway's own CPU, memory, disk, temperature and uptime as read-only channels. */
package io.outpost.driver.host;
