package org.plotter.launcher;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Computes {@code org.osgi.framework.system.packages.extra}: the packages under the given prefixes
 * found on the launcher's class path (the API, ND4J, SLF4J), so bundles import them from the one
 * class loader that holds them and one native ND4J backend serves every bundle. A jar's own
 * {@code Export-Package} versions are kept (all of them); plain jars (ND4J) export their packages unversioned.
 */
final class SystemPackages {
    private SystemPackages() {}

    static String exports(List<String> prefixes) throws IOException {
        TreeMap<String, Set<String>> packages = new TreeMap<>();
        for (Path entry : classPath()) {
            if (Files.isDirectory(entry)) {
                scanDirectory(entry, prefixes, packages);
            } else if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
                scanJar(entry, prefixes, packages);
            }
        }
        StringBuilder header = new StringBuilder();
        packages.forEach((name, versions) -> {
            for (String version : versions.isEmpty() ? Set.of("") : versions) {
                if (header.length() > 0) {
                    header.append(',');
                }
                header.append(name);
                if (!version.isEmpty()) {
                    header.append(";version=\"").append(version).append('"');
                }
            }
        });
        return header.toString();
    }

    /**
     * {@code ,jdk.incubator.vector} when this JVM was started with {@code --add-modules
     * jdk.incubator.vector}, so bundles (the Sketch-RNN engine's fast kernels) can use it; else empty.
     */
    static String incubatingVectorApi() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? ",jdk.incubator.vector" : "";
    }

    /** The class path, following the {@code Class-Path} of manifest-only jars (as test runners use). */
    static List<Path> classPath() throws IOException {
        Set<Path> seen = new LinkedHashSet<>();
        List<Path> pending = new ArrayList<>();
        for (String part : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!part.isBlank()) {
                pending.add(Path.of(part).toAbsolutePath().normalize());
            }
        }
        while (!pending.isEmpty()) {
            Path entry = pending.remove(0);
            if (!seen.add(entry) || !Files.isRegularFile(entry)) {
                continue;
            }
            try (JarFile jar = new JarFile(entry.toFile())) {
                Manifest manifest = jar.getManifest();
                String referenced = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
                if (referenced != null) {
                    for (String url : referenced.trim().split("\\s+")) {
                        Path ref = url.startsWith("file:") ? Path.of(java.net.URI.create(url)) : entry.resolveSibling(url);
                        pending.add(ref.toAbsolutePath().normalize());
                    }
                }
            }
        }
        return new ArrayList<>(seen);
    }

    private static void scanJar(Path file, List<String> prefixes, TreeMap<String, Set<String>> packages) throws IOException {
        try (JarFile jar = new JarFile(file.toFile())) {
            Manifest manifest = jar.getManifest();
            if (addDeclared(manifest, prefixes, packages)) {
                return;
            }
            jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class") && n.indexOf('/') > 0)
                    .map(n -> n.substring(0, n.lastIndexOf('/')).replace('/', '.'))
                    .filter(p -> matches(p, prefixes))
                    .forEach(p -> packages.computeIfAbsent(p, k -> new TreeSet<>()));
        }
    }

    private static void scanDirectory(Path dir, List<String> prefixes, TreeMap<String, Set<String>> packages) throws IOException {
        Path manifestFile = dir.resolve("META-INF/MANIFEST.MF");
        if (Files.isRegularFile(manifestFile)) {
            try (InputStream in = Files.newInputStream(manifestFile)) {
                if (addDeclared(new Manifest(in), prefixes, packages)) {
                    return;
                }
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> dir.relativize(f.getParent()).toString().replace(File.separatorChar, '.'))
                    .filter(p -> matches(p, prefixes))
                    .forEach(p -> packages.computeIfAbsent(p, k -> new TreeSet<>()));
        }
    }

    /** Adds the matching packages of an {@code Export-Package} header; false if there were none. */
    private static boolean addDeclared(Manifest manifest, List<String> prefixes, TreeMap<String, Set<String>> packages) {
        String header = manifest == null ? null : manifest.getMainAttributes().getValue("Export-Package");
        if (header == null) {
            return false;
        }
        boolean any = false;
        for (String clause : splitClauses(header)) {
            String[] parts = clause.split(";");
            String name = parts[0].trim();
            if (!matches(name, prefixes)) {
                continue;
            }
            String version = null;
            for (String attribute : parts) {
                String a = attribute.trim();
                if (a.startsWith("version=")) {
                    version = a.substring("version=".length()).replace("\"", "");
                }
            }
            Set<String> versions = packages.computeIfAbsent(name, k -> new TreeSet<>());
            if (version != null) {
                versions.add(version); // a jar may export one package at several versions (slf4j: 2.0 and 1.7)
            }
            any = true;
        }
        return any;
    }

    /** Splits a manifest header on the commas that are not inside quotes. */
    static List<String> splitClauses(String header) {
        List<String> clauses = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                clauses.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (current.length() > 0) {
            clauses.add(current.toString());
        }
        return clauses;
    }

    private static boolean matches(String pkg, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (pkg.equals(prefix) || pkg.startsWith(prefix + ".")) {
                return true;
            }
        }
        return false;
    }
}
