package rec4j.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static rec4j.testsupport.Cypher.single;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import rec4j.Rec4jRuntime;
import rec4j.testsupport.Neo4jExtension;

@ExtendWith(Neo4jExtension.class)
class InfoProceduresTest {

    @Test
    void versionIsThePluginVersion(Driver driver) {
        String version = single(driver, "RETURN rec.version() AS v").get("v").asString();
        assertThat(version).isEqualTo(Rec4jRuntime.pluginVersion()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void infoReportsVersionsEnginesAndDirectories(Driver driver) {
        Record info = single(driver, "CALL rec.info()");
        assertThat(info.get("pluginVersion").asString()).isEqualTo(Rec4jRuntime.pluginVersion());
        assertThat(info.get("neo4jVersion").asString()).isEqualTo("5.26.30");
        assertThat(info.get("gdsVersion").asString()).isEqualTo("2.13.9");
        assertThat(info.get("djlEngines").asList(v -> v.asString())).contains("OnnxRuntime", "PyTorch");
        assertThat(info.get("nd4jBackends").asList(v -> v.asString()))
                .containsExactly("org.nd4j.linalg.cpu.nativecpu.CpuBackend");
        assertThat(info.get("modelDirectory").asString()).endsWith("rec4j/models");
        assertThat(info.get("cacheDirectory").asString()).endsWith("rec4j/cache");
        assertThat(info.get("allowDownload").asBoolean()).isFalse();
    }

    @Test
    void gdsRunsBesideRec4j(Driver driver) {
        String gds = single(driver, "CALL gds.version() YIELD gdsVersion RETURN gdsVersion").get("gdsVersion").asString();
        assertThat(gds).isEqualTo("2.13.9");
    }
}
