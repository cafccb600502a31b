/**
 * The SMS-through-a-gateway notifier: HQ asks one gateway to text the contact with its own modem
 * ({@code OUTPOST-SMS-V1 EXEC send} on the gateway's control topic, docs/remote-management.md) and waits for the
 * reply. The reply is read with HQ's own {@link io.outpost.api.hq.PayloadDecoder} services (Kura protobuf or JSON).
 */
package io.outpost.hq.notify.gatewaysms;
