package io.outpost.webconsole.plugins;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Outpost web console updates", description = "The Updates page and its upload of signed packages")
@interface UpdatesConfig {

    String PID = "io.outpost.webconsole.updates";

    @AttributeDefinition(min = "1024", description = "Largest package accepted by the upload, in bytes (the OTA service's maxPackageBytes is"
        + " 64 MiB by default). A larger upload is refused before it is stored")
    long maxUploadBytes() default 64L * 1024 * 1024;
}
