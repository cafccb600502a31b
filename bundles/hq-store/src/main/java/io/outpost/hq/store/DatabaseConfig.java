package io.outpost.hq.store;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Outpost HQ database", description = "Where HQ keeps the fleet registry and telemetry")
@interface DatabaseConfig {

    @AttributeDefinition(description = "JDBC URL: jdbc:h2:<path> (embedded, file mode; a relative path is in the HQ folder) "
            + "or jdbc:postgresql://host:port/database")
    String url() default "jdbc:h2:./data/hq/hq";

    @AttributeDefinition(description = "Database user")
    String user() default "hq";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Database password")
    String password() default "";

    @AttributeDefinition(min = "1", max = "200", description = "Most connections in the pool")
    int maxPoolSize() default 8;

    @AttributeDefinition(min = "250", description = "How long a caller waits for a connection, in milliseconds")
    long connectionTimeoutMillis() default 10000;
}
