package io.outpost.driver.host;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Outpost host-metrics driver", description = "Where the host driver finds /proc and /sys")
@interface HostDriverConfig {

    @AttributeDefinition(description = "Folder that proc/ and sys/ are read under; / on a real gateway")
    String root() default "/";
}
