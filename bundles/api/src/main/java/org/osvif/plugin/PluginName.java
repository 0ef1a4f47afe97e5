package org.osvif.plugin;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * The service property {@value #NAME} naming a {@link VifPlugin}: the {@code vif.plugin} value
 * of the VIFs it plugs. Put it on the plugin component class: {@code @PluginName("ovs")}.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface PluginName {

    /** The service property's name. */
    String NAME = "osvif.plugin.name";

    /** Makes the property's name {@value #NAME}, not the one derived from the annotation's name. */
    String PREFIX_ = "osvif.";

    /** @return the plugin's name, e.g. {@code ovs} */
    String value();
}
