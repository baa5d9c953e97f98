package io.nowserving.backend.ops;

import io.nowserving.backend.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.Yaml;

/** The files under installers/ as the tests read them, and the names the backend's Settings reads. */
final class Installers {
    static final Path ROOT = locate();

    private Installers() {
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(String text) {
        return (Map<String, Object>) new Yaml().load(text);
    }

    /** Every environment variable Settings asks for: recorded while it reads an empty environment. */
    static Set<String> settingNames() {
        Set<String> asked = new TreeSet<>();
        Map<String, String> env = new HashMap<>() {
            @Override
            public String get(Object key) {
                asked.add((String) key);
                return null;
            }
        };
        Settings.from(env, name -> null);
        return asked;
    }

    @SuppressWarnings("unchecked")
    static Object at(Map<String, Object> tree, String dotted) {
        Object node = tree;
        for (String part : dotted.split("\\.")) {
            if (!(node instanceof Map<?, ?> m) || !m.containsKey(part)) {
                throw new AssertionError("no " + dotted + " (stopped at " + part + ")");
            }
            node = ((Map<String, Object>) m).get(part);
        }
        return node;
    }

    private static Path locate() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("installers"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no installers/ above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("installers");
    }
}
