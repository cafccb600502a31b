package io.outpost.hq.rest;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Outpost HQ REST API", description = "HQ's REST API; its address and port are Felix HTTP's "
        + "(etc/org.apache.felix.http.cfg)")
@interface RestConfig {

    @AttributeDefinition(description = "Where HQ writes the first API token ('admin') when the database has none; "
            + "relative to the HQ folder; readable by HQ's user only")
    String adminTokenFile() default "data/hq/admin-token";
}
