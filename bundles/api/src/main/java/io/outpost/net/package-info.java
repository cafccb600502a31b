/**
 * Small network helpers shared by the MQTT link and HQ's ingest. Not exported: each of those bundles embeds this
 * package with bnd's {@code -conditionalpackage}, as {@code io.outpost.json}.
 */
package io.outpost.net;
