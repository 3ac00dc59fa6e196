package rec4j.proc;

import ai.djl.engine.Engine;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.neo4j.kernel.internal.Version;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.UserFunction;
import org.nd4j.linalg.factory.Nd4jBackend;
import rec4j.Rec4jRuntime;

/** {@code rec.version()} and {@code rec.info()}: what is installed, without loading any native library. */
public class InfoProcedures {

    @Context
    public Rec4jRuntime runtime;

    @UserFunction("rec.version")
    @Description("The version of the rec4j plugin.")
    public String version() {
        return runtime.version();
    }

    @Procedure(name = "rec.info", mode = Mode.READ)
    @Description("The rec4j plugin version, the Neo4j and GDS versions it runs with, the DJL engines and ND4J backends "
            + "it can use, and its model and cache directories.")
    public Stream<Info> info() {
        return Stream.of(new Info(runtime));
    }

    public static final class Info {
        @Description("The version of the rec4j plugin.")
        public final String pluginVersion;

        @Description("The version of the Neo4j server.")
        public final String neo4jVersion;

        @Description("The version of the Graph Data Science library, or 'not installed'.")
        public final String gdsVersion;

        @Description("The DJL engines found on the classpath (e.g. OnnxRuntime, PyTorch); none is started by this call.")
        public final List<String> djlEngines;

        @Description("The ND4J backends found on the classpath (e.g. the CPU backend); none is started by this call.")
        public final List<String> nd4jBackends;

        @Description("The directory of trained models and user-supplied text models (setting server.rec4j.model_directory).")
        public final String modelDirectory;

        @Description("The directory where native libraries are unpacked (setting server.rec4j.cache_directory).")
        public final String cacheDirectory;

        @Description("Whether text models may be downloaded by URL (setting server.rec4j.allow_download).")
        public final boolean allowDownload;

        Info(Rec4jRuntime runtime) {
            this.pluginVersion = runtime.version();
            this.neo4jVersion = Version.getNeo4jVersion();
            this.gdsVersion = gdsVersion();
            this.djlEngines = Engine.getAllEngines().stream().sorted().toList();
            this.nd4jBackends = ServiceLoader.load(Nd4jBackend.class, InfoProcedures.class.getClassLoader()).stream()
                    .map(provider -> provider.type().getName())
                    .sorted()
                    .toList();
            this.modelDirectory = runtime.modelDirectory().toString();
            this.cacheDirectory = runtime.cacheDirectory().toString();
            this.allowDownload = runtime.allowDownload();
        }

        private static String gdsVersion() {
            try {
                return org.neo4j.gds.BuildInfoProperties.get().gdsVersion();
            } catch (Exception | LinkageError e) {
                return "not installed";
            }
        }
    }
}
