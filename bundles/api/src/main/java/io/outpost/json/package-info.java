/**
 * A small strict JSON parser and writer shared by the bundles that read JSON from the network (the Kura profile's payloads,
 * the request handlers' bodies). Not exported: each of those bundles embeds this package with bnd's
 * {@code -conditionalpackage}, so there is one copy of the code and no runtime dependency for it.
 */
package io.outpost.json;
