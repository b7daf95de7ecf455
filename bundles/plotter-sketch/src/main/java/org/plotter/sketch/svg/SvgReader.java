package org.plotter.sketch.svg;

import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.PathIterator;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.batik.parser.AWTPathProducer;
import org.apache.batik.parser.AWTPolygonProducer;
import org.apache.batik.parser.AWTPolylineProducer;
import org.apache.batik.parser.AWTTransformProducer;
import org.apache.batik.parser.ParseException;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Polyline;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The outlines of an SVG drawing as polylines in millimetres (origin top-left, y down): paths with every
 * command (lines, cubic and quadratic Béziers, arcs; parsed by Batik), lines, polylines, polygons,
 * rectangles (rounded too), circles and ellipses, inside groups with transforms, with the root's
 * {@code viewBox} and physical width and height (mm, cm, in, pt, pc, px at 96 per inch). Curves are
 * flattened to {@link #TOLERANCE_MM}. Fills are not drawn (a pen draws outlines); text, images and
 * definitions are skipped; hidden elements ({@code display="none"}, {@code visibility="hidden"}) too.
 */
public final class SvgReader {
    /** How far a flattened curve may stray from the true one, mm. */
    public static final double TOLERANCE_MM = 0.05;
    private static final double MM_PER_PX = 25.4 / 96;
    private static final Pattern LENGTH = Pattern.compile("\\s*([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*(mm|cm|in|pt|pc|px)?\\s*");

    /**
     * What was read: the outlines in document order, each with its stroke colour ({@code #rrggbb} for
     * hex colours, else as written; black when none is set) and its top-level group (its Inkscape layer
     * label, else its id, else {@code group N}; empty outside any group); and how many filled shapes were
     * drawn as outlines only and how many elements were skipped.
     */
    public record Result(List<Outline> outlines, int filledShapes, int skippedElements) {
        /** The outlines' polylines. */
        public List<Polyline> strokes() {
            return outlines.stream().map(Outline::line).toList();
        }
    }

    /** One pen-down polyline and what it belongs to. */
    public record Outline(Polyline line, String colour, String group) {}

    private static final String INKSCAPE = "http://www.inkscape.org/namespaces/inkscape";
    private static final String DEFAULT_COLOUR = "#000000";

    private final List<Outline> strokes = new ArrayList<>();
    private int groups;
    private int filled;
    private int skipped;

    private SvgReader() {}

    /** @throws IOException naming what is wrong: not XML, not SVG, a malformed path or transform */
    public static Result read(InputStream in) throws IOException {
        Document document = parse(in);
        Element root = document.getDocumentElement();
        if (!"svg".equals(root.getLocalName() != null ? root.getLocalName() : root.getNodeName())) {
            throw new IOException("not an SVG file: the root element is <" + root.getNodeName() + ">");
        }
        SvgReader reader = new SvgReader();
        reader.walk(root, rootTransform(root), DEFAULT_COLOUR, "");
        return new Result(List.copyOf(reader.strokes), reader.filled, reader.skipped);
    }

    private static Document parse(InputStream in) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // never fetch a DTD or external entity: SVG files name the W3C's DTD, and a reader must not go online
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(in);
        } catch (SAXException e) {
            throw new IOException("not a well-formed SVG file: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** User units to millimetres: the viewBox onto the physical width and height (uniform, centred), else 96 px per inch. */
    private static AffineTransform rootTransform(Element svg) throws IOException {
        double[] viewBox = null;
        String vb = svg.getAttribute("viewBox").trim();
        if (!vb.isEmpty()) {
            String[] parts = vb.split("[\\s,]+");
            if (parts.length != 4) {
                throw new IOException("the viewBox '" + vb + "' is not four numbers");
            }
            viewBox = new double[4];
            for (int i = 0; i < 4; i++) {
                viewBox[i] = number(parts[i], "viewBox");
            }
            if (!(viewBox[2] > 0 && viewBox[3] > 0)) {
                throw new IOException("the viewBox '" + vb + "' has no area");
            }
        }
        Double width = length(svg.getAttribute("width")), height = length(svg.getAttribute("height"));
        AffineTransform t = new AffineTransform();
        if (viewBox == null) {
            t.scale(MM_PER_PX, MM_PER_PX);
            return t;
        }
        double w = width != null ? width : viewBox[2] * MM_PER_PX, h = height != null ? height : viewBox[3] * MM_PER_PX;
        double scale = Math.min(w / viewBox[2], h / viewBox[3]);
        t.translate((w - viewBox[2] * scale) / 2, (h - viewBox[3] * scale) / 2);
        t.scale(scale, scale);
        t.translate(-viewBox[0], -viewBox[1]);
        return t;
    }

    /** A length in mm, or null when absent or relative (%, em): those fall back to the viewBox. */
    private static Double length(String value) throws IOException {
        if (value == null || value.isBlank() || value.contains("%") || value.contains("em") || value.contains("ex")) {
            return null;
        }
        Matcher m = LENGTH.matcher(value);
        if (!m.matches()) {
            throw new IOException("the length '" + value + "' is not a number with a unit");
        }
        double n = Double.parseDouble(m.group(1));
        return switch (m.group(2) == null ? "px" : m.group(2)) {
            case "mm" -> n;
            case "cm" -> n * 10;
            case "in" -> n * 25.4;
            case "pt" -> n * 25.4 / 72;
            case "pc" -> n * 25.4 / 6;
            default -> n * MM_PER_PX;
        };
    }

    private static double number(String text, String what) throws IOException {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IOException("the " + what + " value '" + text + "' is not a number");
        }
    }

    /** Walks the tree; {@code colour} is the inherited stroke colour, {@code group} the top-level group. */
    private void walk(Element element, AffineTransform parent, String inheritedColour, String group) throws IOException {
        String name = element.getLocalName() != null ? element.getLocalName() : element.getNodeName();
        if ("none".equals(style(element, "display")) || "hidden".equals(style(element, "visibility"))) {
            return;
        }
        AffineTransform transform = new AffineTransform(parent);
        String t = element.getAttribute("transform");
        if (!t.isBlank()) {
            try {
                transform.concatenate(AWTTransformProducer.createAffineTransform(t));
            } catch (ParseException e) {
                throw new IOException("the transform '" + t + "' is malformed: " + e.getMessage());
            }
        }
        String stroke = style(element, "stroke");
        String fill = style(element, "fill");
        String colour = stroke == null || stroke.equals("inherit") || stroke.equals("currentcolor") ? inheritedColour
                // an outline-less filled shape is drawn in its fill's colour
                : stroke.equals("none") ? (fill != null && !fill.equals("none") ? colour(fill) : inheritedColour)
                : colour(stroke);
        switch (name) {
            case "svg", "g", "a" -> {
                String inGroup = group;
                if (name.equals("g") && element.getParentNode() == element.getOwnerDocument().getDocumentElement()) {
                    inGroup = groupName(element, ++groups);
                }
                for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                    if (child instanceof Element e) {
                        walk(e, transform, colour, inGroup);
                    }
                }
            }
            case "path", "line", "polyline", "polygon", "rect", "circle", "ellipse" -> {
                Shape shape;
                try {
                    shape = shape(name, element);
                } catch (RelativeLength e) {
                    skipped++; // sized relative to the viewport (e.g. a background rect at 100%): not a drawn outline
                    return;
                }
                if (shape != null) {
                    if (fill != null ? !fill.equals("none") : !name.equals("line") && !name.equals("polyline")) {
                        filled++;
                    }
                    flatten(shape, transform, colour, group);
                }
            }
            case "defs", "symbol", "clipPath", "mask", "marker", "pattern", "style", "title", "desc", "metadata", "script" -> { }
            default -> skipped++; // text, image, use, foreignObject: not outlines a pen can follow
        }
    }

    /** A top-level group's name: its Inkscape layer label, else its id, else its position. */
    private static String groupName(Element g, int position) {
        String label = g.getAttributeNS(INKSCAPE, "label").trim();
        if (!label.isEmpty()) {
            return label;
        }
        String id = g.getAttribute("id").trim();
        return id.isEmpty() ? "group " + position : id;
    }

    /** Hex colours in one spelling ({@code #f00} and {@code #FF0000} are one pen); other colours as written. */
    private static String colour(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.matches("#[0-9a-f]{3}")) {
            return "#" + v.charAt(1) + v.charAt(1) + v.charAt(2) + v.charAt(2) + v.charAt(3) + v.charAt(3);
        }
        return v.equals("black") ? DEFAULT_COLOUR : v;
    }

    /** A presentation attribute or its equivalent in the style attribute. */
    private static String style(Element element, String property) {
        for (String declaration : element.getAttribute("style").split(";")) {
            int colon = declaration.indexOf(':');
            if (colon > 0 && declaration.substring(0, colon).trim().equals(property)) {
                return declaration.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            }
        }
        String attribute = element.getAttribute(property);
        return attribute.isBlank() ? null : attribute.trim().toLowerCase(Locale.ROOT);
    }

    private static Shape shape(String name, Element e) throws IOException {
        try {
            return switch (name) {
                case "path" -> e.getAttribute("d").isBlank() ? null
                        : AWTPathProducer.createShape(new StringReader(e.getAttribute("d")), PathIterator.WIND_NON_ZERO);
                case "polyline" -> AWTPolylineProducer.createShape(new StringReader(e.getAttribute("points")), PathIterator.WIND_NON_ZERO);
                case "polygon" -> AWTPolygonProducer.createShape(new StringReader(e.getAttribute("points")), PathIterator.WIND_NON_ZERO);
                case "line" -> new Line2D.Double(user(e, "x1"), user(e, "y1"), user(e, "x2"), user(e, "y2"));
                case "rect" -> {
                    double rx = user(e, "rx"), ry = user(e, "ry");
                    rx = rx > 0 ? rx : ry;
                    ry = ry > 0 ? ry : rx;
                    yield rx > 0 ? new RoundRectangle2D.Double(user(e, "x"), user(e, "y"), user(e, "width"), user(e, "height"), 2 * rx, 2 * ry)
                            : new Rectangle2D.Double(user(e, "x"), user(e, "y"), user(e, "width"), user(e, "height"));
                }
                case "circle" -> {
                    double r = user(e, "r");
                    yield new Ellipse2D.Double(user(e, "cx") - r, user(e, "cy") - r, 2 * r, 2 * r);
                }
                case "ellipse" -> {
                    double rx = user(e, "rx"), ry = user(e, "ry");
                    yield new Ellipse2D.Double(user(e, "cx") - rx, user(e, "cy") - ry, 2 * rx, 2 * ry);
                }
                default -> null;
            };
        } catch (ParseException ex) {
            throw new IOException("the <" + name + "> " + (name.equals("path") ? "data" : "points") + " are malformed: " + ex.getMessage());
        }
    }

    /** A length given as a percentage of the viewport. */
    private static final class RelativeLength extends IOException {
        RelativeLength() {
            super(null, null);
        }
    }

    /** A coordinate attribute in user units (0 when absent, as SVG says). */
    private static double user(Element e, String attribute) throws IOException {
        String value = e.getAttribute(attribute).trim();
        if (value.isEmpty()) {
            return 0;
        }
        if (value.endsWith("%")) {
            throw new RelativeLength();
        }
        return number(value.endsWith("px") ? value.substring(0, value.length() - 2) : value, attribute);
    }

    /** The shape's outline in mm, curves flattened so no point strays more than the tolerance. */
    private void flatten(Shape shape, AffineTransform transform, String colour, String group) {
        PathIterator it = shape.getPathIterator(transform, TOLERANCE_MM);
        double[] c = new double[6];
        List<Point> current = new ArrayList<>();
        Point start = null;
        for (; !it.isDone(); it.next()) {
            switch (it.currentSegment(c)) {
                case PathIterator.SEG_MOVETO -> {
                    finish(current, colour, group);
                    current = new ArrayList<>();
                    start = new Point(c[0], c[1]);
                    current.add(start);
                }
                case PathIterator.SEG_LINETO -> current.add(new Point(c[0], c[1]));
                case PathIterator.SEG_CLOSE -> {
                    if (start != null && !current.isEmpty() && !current.get(current.size() - 1).equals(start)) {
                        current.add(start);
                    }
                    finish(current, colour, group);
                    current = new ArrayList<>();
                    if (start != null) {
                        current.add(start); // a path may go on from where it closed
                    }
                }
                default -> { } // flattened: no curves remain
            }
        }
        finish(current, colour, group);
    }

    private void finish(List<Point> points, String colour, String group) {
        if (points.size() > 1) {
            strokes.add(new Outline(new Polyline(points, true), colour, group));
        }
    }
}
