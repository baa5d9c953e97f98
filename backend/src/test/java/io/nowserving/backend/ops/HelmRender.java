package io.nowserving.backend.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The few template actions the chart uses, rendered with its values (no helm binary on these machines):
 * {@code .Values.a.b} and {@code .Chart.X} with {@code quote}, {@code default}, {@code required}; {@code include} of
 * the helpers; {@code toYaml … | nindent n}. Both branches of an {@code if} are kept, so everything is checked.
 * An action it does not know fails the render, so a template cannot slip past the test.
 */
final class HelmRender {
    private static final Pattern ACTION = Pattern.compile("\\{\\{-?\\s*(.*?)\\s*-?}}");
    private static final Pattern CONTROL = Pattern.compile("^\\s*\\{\\{-?\\s*(if|else|end)\\b[^}]*-?}}\\s*$");

    private final Map<String, Object> values;
    private final Map<String, Object> chart;
    private final List<String> valuePaths = new ArrayList<>();

    HelmRender(Map<String, Object> values, Map<String, Object> chart) {
        this.values = values;
        this.chart = chart;
    }

    /** The .Values paths the rendered templates used. */
    List<String> valuePaths() {
        return valuePaths;
    }

    String render(String template) {
        StringBuilder out = new StringBuilder();
        for (String line : template.split("\n", -1)) {
            if (CONTROL.matcher(line).matches()) {
                continue;
            }
            Matcher block = Pattern.compile("^(\\s*)\\{\\{-?\\s*(.*?)\\s*\\|\\s*nindent\\s+(\\d+)\\s*}}\\s*$").matcher(line);
            if (block.matches()) {
                String indent = " ".repeat(Integer.parseInt(block.group(3)));
                for (String l : blockText(block.group(2)).split("\n")) {
                    out.append(indent).append(l).append('\n');
                }
                continue;
            }
            Matcher m = ACTION.matcher(line);
            StringBuilder rendered = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(rendered, Matcher.quoteReplacement(inline(m.group(1))));
            }
            m.appendTail(rendered);
            out.append(rendered).append('\n');
        }
        return out.toString();
    }

    private String blockText(String expr) {
        if (expr.startsWith("include \"nowserving.labels\"") || expr.startsWith("include \"nowserving.selector\"")) {
            return "app.kubernetes.io/name: " + chart.get("name") + "\napp.kubernetes.io/instance: release";
        }
        Matcher toYaml = Pattern.compile("toYaml (\\.Values\\.[\\w.]+)").matcher(expr);
        if (toYaml.matches()) {
            DumperOptions o = new DumperOptions();
            o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            return new Yaml(o).dump(value(toYaml.group(1))).stripTrailing();
        }
        throw new AssertionError("the test's render does not know {{ " + expr + " }}");
    }

    private String inline(String expr) {
        if (expr.startsWith("include \"nowserving.")) {
            return "release-nowserving";
        }
        String[] pipes = expr.split("\\|");
        String head = pipes[0].trim();
        Object v;
        Matcher required = Pattern.compile("required \"[^\"]*\" (\\S+)").matcher(head);
        if (required.matches()) {
            v = value(required.group(1));
            if (v == null || v.toString().isEmpty()) {
                v = "given-at-install";
            }
        } else {
            v = value(head);
        }
        for (int i = 1; i < pipes.length; i++) {
            String f = pipes[i].trim();
            if (f.equals("quote")) {
                v = "\"" + (v == null ? "" : v) + "\"";
            } else if (f.startsWith("default ")) {
                v = v == null || v.toString().isEmpty() ? value(f.substring(8).trim()) : v;
            } else {
                throw new AssertionError("the test's render does not know the function " + f);
            }
        }
        return v == null ? "" : v.toString();
    }

    private Object value(String ref) {
        if (ref.startsWith(".Values.")) {
            String path = ref.substring(8);
            valuePaths.add(path);
            return Installers.at(values, path);
        }
        if (ref.startsWith(".Chart.")) {
            String key = ref.substring(7);
            return chart.get(Character.toLowerCase(key.charAt(0)) + key.substring(1));
        }
        if (ref.equals(".Release.Name")) {
            return "release";
        }
        throw new AssertionError("the test's render does not know " + ref);
    }
}
