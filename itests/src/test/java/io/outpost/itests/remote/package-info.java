/** Remote management end to end: requests published with Paho to a real Mosquitto, replies read as HQ reads them. */
package io.outpost.itests.remote;
