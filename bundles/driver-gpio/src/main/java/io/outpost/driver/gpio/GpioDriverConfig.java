package io.outpost.driver.gpio;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Outpost GPIO driver", description = "Which Pi4J provider drives the pins")
@interface GpioDriverConfig {

    @AttributeDefinition(description = "auto (gpiod on a Raspberry Pi, else mock), mock, gpiod or linuxfs; "
        + "a device's own 'provider' property overrides it")
    String provider() default "auto";

    @AttributeDefinition(description = "PWM chip number under /sys/class/pwm (pwmchip<N>) for pwm channels on a Pi")
    int pwmChip() default 0;

    @AttributeDefinition(description = "Folder under which proc/device-tree/model is read to recognise a Raspberry Pi")
    String root() default "/";
}
