package io.outpost.request.conf;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Outpost configuration control", description = "Remote (CONF-V1) and local (outpost:conf) "
    + "configuration: where snapshots are kept and how many")
@interface ConfigurationControlConfig {

    @AttributeDefinition(description = "Directory of the snapshot files; a relative path is in the gateway home (outpost.home)")
    String snapshotDirectory() default "data/conf-snapshots";

    @AttributeDefinition(min = "2", max = "1000", description = "Snapshots kept on disk; the oldest beyond it are deleted")
    int snapshotsKept() default 10;

    @AttributeDefinition(description = "Also take a snapshot when a configuration changes by other means (a .cfg file, "
        + "another bundle), one second after the last such change; snapshots equal to the newest are never written")
    boolean snapshotOnEveryChange() default true;
}
