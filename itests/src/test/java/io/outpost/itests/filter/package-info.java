/** Integration tests of the threshold filter: sim device, real filter bundle and ConfigAdmin, a recording upstream. */
package io.outpost.itests.filter;
