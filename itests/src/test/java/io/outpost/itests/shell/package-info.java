/** Integration tests of the operator's Gogo commands, called as Gogo calls them: found by scope, invoked by name. */
package io.outpost.itests.shell;
