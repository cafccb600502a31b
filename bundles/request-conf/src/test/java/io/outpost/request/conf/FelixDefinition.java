package io.outpost.request.conf;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.felix.metatype.AD;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

/** An ObjectClassDefinition whose attributes are Felix metatype's own {@link AD}s, so validation is Felix's. */
final class FelixDefinition implements ObjectClassDefinition {

    private final String id;
    private final List<AD> ads = new ArrayList<>();

    FelixDefinition(String id) {
        this.id = id;
    }

    FelixDefinition attribute(String adId, String type, int cardinality, String min, String max, String defaultValue, String... options) {
        AD ad = new AD();
        ad.setID(adId);
        ad.setName(adId);
        ad.setType(type);
        ad.setCardinality(cardinality);
        if (min != null) {
            ad.setMin(min);
        }
        if (max != null) {
            ad.setMax(max);
        }
        if (defaultValue != null) {
            ad.setDefaultValue(defaultValue);
        }
        if (options.length > 0) {
            Map<String, String> map = new LinkedHashMap<>();
            for (String o : options) {
                map.put(o, o);
            }
            ad.setOptions(map);
        }
        ad.setRequired(true);
        ads.add(ad);
        return this;
    }

    @Override
    public String getName() {
        return id;
    }

    @Override
    public String getID() {
        return id;
    }

    @Override
    public String getDescription() {
        return "test definition " + id;
    }

    @Override
    public AttributeDefinition[] getAttributeDefinitions(int filter) {
        return ads.stream().map(FelixDefinition::wrap).toArray(AttributeDefinition[]::new);
    }

    @Override
    public InputStream getIcon(int size) {
        return null;
    }

    private static AttributeDefinition wrap(AD ad) {
        return new AttributeDefinition() {
            @Override
            public String getName() {
                return ad.getName();
            }

            @Override
            public String getID() {
                return ad.getID();
            }

            @Override
            public String getDescription() {
                return ad.getDescription();
            }

            @Override
            public int getCardinality() {
                return ad.getCardinality();
            }

            @Override
            public int getType() {
                return ad.getType();
            }

            @Override
            public String[] getOptionValues() {
                return ad.getOptionValues();
            }

            @Override
            public String[] getOptionLabels() {
                return ad.getOptionLabels();
            }

            @Override
            public String validate(String value) {
                return ad.validate(value);
            }

            @Override
            public String[] getDefaultValue() {
                return ad.getDefaultValue();
            }
        };
    }
}
