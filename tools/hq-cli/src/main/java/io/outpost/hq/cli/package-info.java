/**
 * {@code bin/outpost-hq-cli}: a small client of HQ's REST API for the terminal. It reads the token from
 * {@code OUTPOST_HQ_TOKEN}, else from the file {@code --token-file} / {@code OUTPOST_HQ_TOKEN_FILE} names, else from
 * HQ's first token file {@code data/hq/admin-token} of the HQ folder.
 */
package io.outpost.hq.cli;
