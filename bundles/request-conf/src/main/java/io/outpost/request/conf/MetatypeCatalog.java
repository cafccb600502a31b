package io.outpost.request.conf;

import java.util.Map;
import java.util.TreeMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * The metatype definitions of every bundle, as the MetaTypeService reads them: which pids and factory pids are
 * configurable, and their definitions. Asked afresh each time, so an installed or removed bundle counts at once.
 */
final class MetatypeCatalog {

    /** The definitions found in one look: singleton pids and factory pids, each with its definition. */
    record Definitions(Map<String, ObjectClassDefinition> pids, Map<String, ObjectClassDefinition> factoryPids) {
    }

    private final BundleContext context;
    private final MetaTypeService metatype;

    MetatypeCatalog(BundleContext context, MetaTypeService metatype) {
        this.context = context;
        this.metatype = metatype;
    }

    Definitions definitions() {
        Map<String, ObjectClassDefinition> pids = new TreeMap<>();
        Map<String, ObjectClassDefinition> factories = new TreeMap<>();
        for (Bundle bundle : context.getBundles()) {
            if ((bundle.getState() & (Bundle.INSTALLED | Bundle.UNINSTALLED)) != 0) {
                continue;
            }
            MetaTypeInformation info;
            try {
                info = metatype.getMetaTypeInformation(bundle);
            } catch (IllegalArgumentException | IllegalStateException e) {
                continue;   // the bundle went away meanwhile
            }
            if (info == null) {
                continue;
            }
            collect(info, info.getPids(), pids);
            collect(info, info.getFactoryPids(), factories);
        }
        return new Definitions(pids, factories);
    }

    private static void collect(MetaTypeInformation info, String[] ids, Map<String, ObjectClassDefinition> into) {
        if (ids == null) {
            return;
        }
        for (String id : ids) {
            try {
                ObjectClassDefinition ocd = info.getObjectClassDefinition(id, null);
                if (ocd != null) {
                    into.putIfAbsent(id, ocd);
                }
            } catch (IllegalArgumentException noDefinition) {
                // a designate without an OCD: not configurable here
            }
        }
    }
}
