/**
 * Kura-compatible remote APIs, one {@link io.outpost.api.request.RequestHandler} class per app id:
 * {@code ASSET-V1} ({@link io.outpost.request.handlers.AssetHandler}: devices as assets, read now and confirmed
 * writes) and {@code INVENTORY-V1} ({@link io.outpost.request.handlers.InventoryHandler}: bundles, system
 * packages, start and stop). Bodies are Kura's JSON. See docs/remote-management.md.
 */
package io.outpost.request.handlers;
