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

    /** What was read: the outlines, and how many filled shapes were drawn as outlines only. */
    public record Result(List<Polyline> strokes, int filledShapes, int skippedElements) {}

    private final List<Polyline> strokes = new ArrayList<>();
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
        reader.walk(root, rootTransform(root));
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

    private void walk(Element element, AffineTransform parent) throws IOException {
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
        switch (name) {
            case "svg", "g", "a" -> {
                for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                    if (child instanceof Element e) {
                        walk(e, transform);
                    }
                }
            }
            case "path", "line", "polyline", "polygon", "rect", "circle", "ellipse" -> {
                Shape shape = shape(name, element);
                if (shape != null) {
                    String fill = style(element, "fill");
                    if (fill != null ? !fill.equals("none") : !name.equals("line") && !name.equals("polyline")) {
                        filled++;
                    }
                    flatten(shape, transform);
                }
            }
            case "defs", "symbol", "clipPath", "mask", "marker", "pattern", "style", "title", "desc", "metadata", "script" -> { }
            default -> skipped++; // text, image, use, foreignObject: not outlines a pen can follow
        }
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

    /** A coordinate attribute in user units (0 when absent, as SVG says). */
    private static double user(Element e, String attribute) throws IOException {
        String value = e.getAttribute(attribute).trim();
        if (value.isEmpty()) {
            return 0;
        }
        return number(value.endsWith("px") ? value.substring(0, value.length() - 2) : value, attribute);
    }

    /** The shape's outline in mm, curves flattened so no point strays more than the tolerance. */
    private void flatten(Shape shape, AffineTransform transform) {
        PathIterator it = shape.getPathIterator(transform, TOLERANCE_MM);
        double[] c = new double[6];
        List<Point> current = new ArrayList<>();
        Point start = null;
        for (; !it.isDone(); it.next()) {
            switch (it.currentSegment(c)) {
                case PathIterator.SEG_MOVETO -> {
                    finish(current);
                    current = new ArrayList<>();
                    start = new Point(c[0], c[1]);
                    current.add(start);
                }
                case PathIterator.SEG_LINETO -> current.add(new Point(c[0], c[1]));
                case PathIterator.SEG_CLOSE -> {
                    if (start != null && !current.isEmpty() && !current.get(current.size() - 1).equals(start)) {
                        current.add(start);
                    }
                    finish(current);
                    current = new ArrayList<>();
                    if (start != null) {
                        current.add(start); // a path may go on from where it closed
                    }
                }
                default -> { } // flattened: no curves remain
            }
        }
        finish(current);
    }

    private void finish(List<Point> points) {
        if (points.size() > 1) {
            strokes.add(new Polyline(points, true));
        }
    }
}
