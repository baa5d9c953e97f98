package io.nowserving.desktop.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowserving.shared.api.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Both languages say everything, every refusal has words, and no view writes text of its own. */
class BundlesTest {
    private static final Path RESOURCES = Path.of("src/main/resources/io/nowserving/desktop");
    private static final Path SOURCES = Path.of("src/main/java/io/nowserving/desktop");

    @Test
    void everyBundleHasTheSameKeysInEnglishAndTraditionalChinese() throws IOException {
        List<Path> english;
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            english = files.filter(p -> p.getFileName().toString().equals("messages.properties")).toList();
        }
        assertTrue(english.size() >= 1, "no bundles found under " + RESOURCES);
        for (Path en : english) {
            Path zh = en.resolveSibling("messages_zh_TW.properties");
            assertTrue(Files.exists(zh), "missing " + zh);
            Properties e = load(en);
            Properties z = load(zh);
            assertEquals(new TreeSet<>(e.stringPropertyNames()), new TreeSet<>(z.stringPropertyNames()),
                    "keys of " + en + " and " + zh);
            for (String k : e.stringPropertyNames()) {
                assertFalse(z.getProperty(k).isBlank(), zh + " leaves " + k + " empty");
            }
        }
    }

    @Test
    void everyErrorCodeHasASentenceInBothLanguages() {
        for (var locale : List.of(java.util.Locale.ENGLISH, Messages.TRADITIONAL_CHINESE)) {
            Problems p = new Problems(Messages.of(locale));
            for (ErrorCode c : ErrorCode.values()) {
                assertFalse(p.sentence(c).isBlank(), c + " in " + locale);
            }
        }
    }

    /** A quoted string literal with a letter in it, passed to a text-taking JavaFX call, is hard-coded text. */
    @Test
    void noViewHardCodesText() throws IOException {
        Pattern literalText = Pattern.compile(
                "(new (Label|Button|Text|ToggleButton|CheckBox|RadioButton|Tooltip|MenuItem|Tab|TitledPane)"
                        + "|\\.set(Text|Title|PromptText|HeaderText|ContentText))\\(\\s*\"[^\"]*\\p{L}[^\"]*\"");
        List<String> offences = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = literalText.matcher(Files.readString(f));
                while (m.find()) {
                    offences.add(f + ": " + m.group());
                }
            }
        }
        assertEquals(List.of(), offences, "text outside the bundles");
    }

    private static Properties load(Path p) throws IOException {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(p)) {
            props.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return props;
    }
}
