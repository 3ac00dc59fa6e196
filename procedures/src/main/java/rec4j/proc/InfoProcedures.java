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

    public record Info(
            @Description("The version of the rec4j plugin.")
            String pluginVersion,
            @Description("The version of the Neo4j server.")
            String neo4jVersion,
            @Description("The version of the Graph Data Science library, or 'not installed'.")
            String gdsVersion,
            @Description("The DJL engines found on the classpath (e.g. OnnxRuntime, PyTorch); none is started by this call.")
            List<String> djlEngines,
            @Description("The ND4J backends found on the classpath (e.g. the CPU backend); none is started by this call.")
            List<String> nd4jBackends,
            @Description("The directory of trained models and user-supplied text models (setting server.rec4j.model_directory).")
            String modelDirectory,
            @Description("The directory where native libraries are unpacked (setting server.rec4j.cache_directory).")
            String cacheDirectory,
            @Description("Whether text models may be downloaded by URL (setting server.rec4j.allow_download).")
            boolean allowDownload) {

        Info(Rec4jRuntime runtime) {
            this(runtime.version(), Version.getNeo4jVersion(), installedGdsVersion(), Engine.getAllEngines().stream().sorted().toList(),
                    availableNd4jBackends(), runtime.modelDirectory().toString(), runtime.cacheDirectory().toString(),
                    runtime.allowDownload());
        }

        private static List<String> availableNd4jBackends() {
            return ServiceLoader.load(Nd4jBackend.class, InfoProcedures.class.getClassLoader()).stream()
                    .map(provider -> provider.type().getName())
                    .sorted()
                    .toList();
        }

        private static String installedGdsVersion() {
            try {
                return org.neo4j.gds.BuildInfoProperties.get().gdsVersion();
            } catch (Exception | LinkageError e) {
                return "not installed";
            }
        }
    }
}
