/** Integration tests of the host-metrics driver in the real framework. */
package io.outpost.itests.host;
