package io.outpost.webconsole.plugins;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Outpost web console dashboard", description = "The live dashboard of devices and channels")
@interface DashboardConfig {

    @AttributeDefinition(min = "1", max = "60", description = "Minutes of values each channel's chart shows")
    int chartMinutes() default 10;

    @AttributeDefinition(min = "1", max = "8", description = "Live streams (open dashboard pages) served at once; each holds one of the 16 HTTP threads")
    int maxStreams() default 4;
}
