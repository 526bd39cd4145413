package io.leadflow.engine;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** Reads the annotations of a DMN file's rule rows (a rule's description, which the modeler shows as its annotation). */
final class DmnRules {

    private static final String DMN = "https://www.omg.org/spec/DMN/20191111/MODEL/";

    private DmnRules() {
    }

    /** By decision id, the annotation of each rule row that has one, by rule id. */
    static Map<String, Map<String, String>> annotations(byte[] dmn) {
        Map<String, Map<String, String>> byDecision = new HashMap<>();
        NodeList decisions = parse(dmn).getElementsByTagNameNS(DMN, "decision");
        for (int d = 0; d < decisions.getLength(); d++) {
            Element decision = (Element) decisions.item(d);
            Map<String, String> rules = new HashMap<>();
            NodeList rows = decision.getElementsByTagNameNS(DMN, "rule");
            for (int r = 0; r < rows.getLength(); r++) {
                Element rule = (Element) rows.item(r);
                String annotation = description(rule);
                if (annotation != null) {
                    rules.put(rule.getAttribute("id"), annotation);
                }
            }
            byDecision.put(decision.getAttribute("id"), rules);
        }
        return byDecision;
    }

    private static String description(Element rule) {
        for (Node child = rule.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && "description".equals(element.getLocalName())) {
                String text = element.getTextContent().strip();
                return text.isEmpty() ? null : text;
            }
        }
        return null;
    }

    private static Element parse(byte[] dmn) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(dmn)).getDocumentElement();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalStateException("Not a DMN file", e);
        }
    }
}
