package io.nowserving.backend.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** installers/backend/build-deb.sh builds a .deb (from a stand-in jar: the shaded one comes after the tests). */
class BackendDebTest {
    @TempDir
    static Path tmp;
    static Path deb;
    static Path tree;
    static Path control;

    @BeforeAll
    static void build() throws IOException, InterruptedException {
        Path jar = tmp.resolve("stand-in.jar");
        Files.writeString(jar, "stand-in");
        String out = run("bash", Installers.path("backend/build-deb.sh").toString(), "--jar", jar.toString(),
                "--version", "1.2.3-SNAPSHOT", "--out", tmp.resolve("out").toString());
        deb = Path.of(out.strip());
        tree = tmp.resolve("tree");
        control = tmp.resolve("control");
        run("dpkg-deb", "-x", deb.toString(), tree.toString());
        run("dpkg-deb", "-e", deb.toString(), control.toString());
    }

    @Test
    void theControlFileNamesThePackageItsVersionAndTheJavaRuntime() throws Exception {
        assertEquals("nowserving-backend_1.2.3~SNAPSHOT_all.deb", deb.getFileName().toString());
        String info = run("dpkg-deb", "-I", deb.toString());
        assertTrue(info.contains("Package: nowserving-backend"), info);
        assertTrue(info.contains("Version: 1.2.3~SNAPSHOT"), info);
        assertTrue(info.contains("Depends: openjdk-17-jre-headless | java17-runtime-headless, adduser, systemd"), info);
        assertEquals("/etc/nowserving/nowserving.env", Files.readString(control.resolve("conffiles")).strip());
        String contents = run("dpkg-deb", "-c", deb.toString());
        for (String file : List.of("./usr/share/nowserving/nowserving-backend.jar",
                "./lib/systemd/system/nowserving.service", "./etc/nowserving/nowserving.env")) {
            assertTrue(contents.contains(file), file + " in\n" + contents);
        }
        assertTrue(contents.contains("-rw-r----- root/root") , "the settings file is not world-readable");
    }

    @Test
    void theUnitRunsTheJarAsItsOwnUserWithTheSettingsFileAndRestartsOnFailure() throws IOException {
        String unit = Files.readString(tree.resolve("lib/systemd/system/nowserving.service"));
        for (String line : List.of("User=nowserving", "EnvironmentFile=-/etc/nowserving/nowserving.env",
                "Environment=NOWSERVING_DATA_DIR=/var/lib/nowserving", "StateDirectory=nowserving",
                "Restart=on-failure", "StandardOutput=journal", "KillSignal=SIGTERM",
                "ExecStart=/usr/bin/java $JAVA_OPTS -jar /usr/share/nowserving/nowserving-backend.jar",
                "WantedBy=multi-user.target")) {
            assertTrue(unit.lines().anyMatch(line::equals), line + " in\n" + unit);
        }
    }

    @Test
    void theSettingsFileNamesOnlyRealSettingsAndHoldsNoSecret() throws IOException {
        Set<String> settings = Installers.settingNames();
        for (String line : Files.readAllLines(tree.resolve("etc/nowserving/nowserving.env"))) {
            String active = line.strip();
            String name = (active.startsWith("#") ? active.substring(1).strip() : active).split("=", 2)[0];
            if (name.matches("[A-Z][A-Z0-9_]+") && line.contains("=")) {
                assertTrue(settings.contains(name) || name.equals("JAVA_OPTS"), name + " is no backend setting");
            }
            if (!active.startsWith("#") && active.contains("=")) {
                assertFalse(active.matches("(?i).*(PASSWORD|SECRET|TOKEN|REDIS_URL)=.*"), "a secret by default: " + line);
            }
        }
    }

    @Test
    void theMaintainerScriptsMakeTheUserProtectTheSettingsAndKeepDataUntilPurge() throws Exception {
        for (String script : List.of("postinst", "prerm", "postrm")) {
            Path p = control.resolve(script);
            assertTrue(Files.isExecutable(p), script);
            run("sh", "-n", p.toString());
        }
        String postinst = Files.readString(control.resolve("postinst"));
        assertTrue(postinst.contains("adduser --system"), postinst);
        assertTrue(postinst.contains("install -d -o nowserving -g nowserving -m 0750 /var/lib/nowserving"), postinst);
        assertTrue(postinst.contains("chown root:nowserving /etc/nowserving/nowserving.env"), postinst);
        assertTrue(postinst.contains("systemctl enable nowserving.service"), postinst);
        String postrm = Files.readString(control.resolve("postrm"));
        assertTrue(postrm.indexOf("rm -rf /var/lib/nowserving") > postrm.indexOf("\"purge\""), postrm);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + out);
        return out;
    }
}
