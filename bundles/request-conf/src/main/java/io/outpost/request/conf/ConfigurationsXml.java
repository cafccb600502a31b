package io.outpost.request.conf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Kura's XML: {@code esf:configurations} (with {@code ocd:OCD} definitions) and {@code esf:snapshot-ids}, written
 * with the JDK's StAX writer and read with the JDK's DOM parser set up for hostile input: secure processing on,
 * no DOCTYPE at all (so no entities, external or internal), no external DTD or schema access, no XInclude.
 * Elements are matched by local name, so any namespace prefix is accepted (Kura insists on {@code esf:}).
 */
final class ConfigurationsXml {

    static final String ESF = "http://eurotech.com/esf/2.0";
    static final String OCD = "http://www.osgi.org/xmlns/metatype/v1.2.0";

    private ConfigurationsXml() {
    }

    // ---- writing ----

    /** The configurations, each with its definition when {@code definitions} is set (GET) or without (snapshots). */
    static byte[] write(List<ComponentConfiguration> configurations, boolean definitions) {
        return document("configurations", w -> {
            for (ComponentConfiguration c : configurations) {
                w.writeStartElement("esf", "configuration", ESF);
                w.writeAttribute("pid", c.pid());
                if (definitions && c.definition().isPresent()) {
                    definition(w, c.definition().get());
                }
                if (c.stored() || definitions) {
                    w.writeStartElement("esf", "properties", ESF);
                    for (Property p : c.properties()) {
                        w.writeStartElement("esf", "property", ESF);
                        w.writeAttribute("name", p.name());
                        w.writeAttribute("array", Boolean.toString(p.array()));
                        w.writeAttribute("encrypted", "false");
                        w.writeAttribute("type", p.type().wireName);
                        for (String v : p.values()) {
                            w.writeStartElement("esf", "value", ESF);
                            w.writeCharacters(v);
                            w.writeEndElement();
                        }
                        w.writeEndElement();
                    }
                    w.writeEndElement();
                }
                w.writeEndElement();
            }
        });
    }

    /** Kura's {@code esf:snapshot-ids}: one {@code esf:snapshotIds} element per id. */
    static byte[] writeSnapshotIds(List<Long> ids) {
        return document("snapshot-ids", w -> {
            for (long id : ids) {
                w.writeStartElement("esf", "snapshotIds", ESF);
                w.writeCharacters(Long.toString(id));
                w.writeEndElement();
            }
        });
    }

    private interface Body {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private static byte[] document(String root, Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            XMLStreamWriter w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("esf", root, ESF);
            w.writeNamespace("esf", ESF);
            w.writeNamespace("ocd", OCD);
            body.write(w);
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing XML failed: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static void definition(XMLStreamWriter w, ObjectClassDefinition ocd) throws XMLStreamException {
        w.writeStartElement("ocd", "OCD", OCD);
        attribute(w, "name", ocd.getName());
        attribute(w, "description", ocd.getDescription());
        attribute(w, "id", ocd.getID());
        AttributeDefinition[] required = ocd.getAttributeDefinitions(ObjectClassDefinition.REQUIRED);
        AttributeDefinition[] all = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        for (AttributeDefinition ad : all == null ? new AttributeDefinition[0] : all) {
            w.writeStartElement("ocd", "AD", OCD);
            attribute(w, "name", ad.getName());
            attribute(w, "id", ad.getID());
            attribute(w, "type", PropertyType.ofMetatype(ad.getType()).orElse(PropertyType.STRING).wireName);
            attribute(w, "cardinality", Integer.toString(ad.getCardinality()));
            attribute(w, "required", Boolean.toString(contains(required, ad.getID())));
            String[] defaults = ad.getDefaultValue();
            if (defaults != null && ad.getType() != AttributeDefinition.PASSWORD) {
                attribute(w, "default", String.join(",", defaults));
            }
            attribute(w, "description", ad.getDescription());
            String[] values = ad.getOptionValues();
            String[] labels = ad.getOptionLabels();
            if (values != null) {
                for (int i = 0; i < values.length; i++) {
                    w.writeStartElement("ocd", "Option", OCD);
                    attribute(w, "label", labels != null && i < labels.length ? labels[i] : values[i]);
                    attribute(w, "value", values[i]);
                    w.writeEndElement();
                }
            }
            w.writeEndElement();
        }
        w.writeEndElement();
    }

    private static boolean contains(AttributeDefinition[] ads, String id) {
        if (ads != null) {
            for (AttributeDefinition ad : ads) {
                if (id.equals(ad.getID())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void attribute(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        if (value != null) {
            w.writeAttribute(name, value);
        }
    }

    // ---- reading ----

    /**
     * The configurations of an {@code esf:configurations} document, in order.
     *
     * @throws ConfigurationRefused naming what is wrong (not XML, a DOCTYPE, a missing pid, an unknown type...)
     */
    static List<ConfigurationUpdate> read(byte[] xml) throws ConfigurationRefused {
        Document doc = parse(xml);
        Element root = doc.getDocumentElement();
        if (!"configurations".equals(root.getLocalName())) {
            throw new ConfigurationRefused("body: the root element is '" + root.getNodeName() + "', not esf:configurations");
        }
        List<ConfigurationUpdate> out = new ArrayList<>();
        for (Element configuration : children(root, "configuration")) {
            String pid = configuration.getAttribute("pid").trim();
            if (pid.isEmpty()) {
                throw new ConfigurationRefused("body: an esf:configuration without a 'pid' attribute");
            }
            List<Property> properties = new ArrayList<>();
            for (Element props : children(configuration, "properties")) {
                for (Element property : children(props, "property")) {
                    properties.add(property(pid, property));
                }
            }
            out.add(new ConfigurationUpdate(pid, properties));
        }
        return out;
    }

    /** The ids of an {@code esf:snapshot-ids} document. */
    static List<Long> readSnapshotIds(byte[] xml) throws ConfigurationRefused {
        List<Long> ids = new ArrayList<>();
        for (Element e : children(parse(xml).getDocumentElement(), "snapshotIds")) {
            try {
                ids.add(Long.parseLong(e.getTextContent().trim()));
            } catch (NumberFormatException bad) {
                throw new ConfigurationRefused("body: snapshot id '" + PropertyType.shorten(e.getTextContent()) + "' is not a number");
            }
        }
        return ids;
    }

    private static Property property(String pid, Element property) throws ConfigurationRefused {
        String name = property.getAttribute("name").trim();
        String where = "pid '" + pid + "' attribute '" + name + "'";
        if (name.isEmpty()) {
            throw new ConfigurationRefused("pid '" + pid + "': an esf:property without a 'name'");
        }
        String typeName = property.getAttribute("type");
        Optional<PropertyType> type = typeName.isBlank() ? Optional.of(PropertyType.STRING) : PropertyType.ofName(typeName);
        if (type.isEmpty()) {
            throw new ConfigurationRefused(where + ": unknown type '" + PropertyType.shorten(typeName) + "'");
        }
        boolean encrypted = Boolean.parseBoolean(property.getAttribute("encrypted").trim());
        List<String> values = new ArrayList<>();
        for (Element value : children(property, "value")) {
            String text = value.getTextContent();
            if (encrypted) {
                try {
                    text = new String(Base64.getDecoder().decode(text.trim()), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new ConfigurationRefused(where + ": encrypted=\"true\" but the value is not base64 (Outpost holds no Kura keys)");
                }
            }
            values.add(text);
        }
        boolean array = Boolean.parseBoolean(property.getAttribute("array").trim());
        return new Property(name, type.get(), array, values);
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static Document parse(byte[] xml) throws ConfigurationRefused {
        try {
            DocumentBuilder builder = secureFactory().newDocumentBuilder();
            builder.setErrorHandler(SILENT);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity '" + systemId + "' refused");
            });
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXException e) {
            throw new ConfigurationRefused("body is not accepted XML: " + e.getMessage());
        } catch (IOException | ParserConfigurationException e) {
            throw new ConfigurationRefused("body is not accepted XML: " + e);
        }
    }

    /** The JDK's own DOM parser (not whatever a bundle offers), with everything that can reach outside turned off. */
    static DocumentBuilderFactory secureFactory() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        return f;
    }

    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };
}
