/**
 * Remote and local configuration of the gateway's components, over ConfigurationAdmin and MetaTypeService:
 * {@link io.outpost.request.conf.ConfigurationControl} lists the configurable components (the pids with metatype),
 * applies validated updates all-or-nothing, and keeps snapshots on disk for rollback. Two front ends call it:
 * {@link io.outpost.request.conf.ConfHandler} ({@code CONF-V1}, Kura's XML {@code esf:configurations}) and
 * {@link io.outpost.request.conf.ConfCommands} (Gogo {@code outpost:conf}). Words: a <em>configuration</em> is one
 * pid's properties; an <em>update</em> is what a request asks to change; a <em>snapshot</em> is every configurable
 * pid's stored properties at one moment. See docs/remote-management.md.
 */
package io.outpost.request.conf;
