package rec4j.proc;

import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import rec4j.model.StoredModel;
import rec4j.Rec4jRuntime;

/** {@code rec.model.list} and {@code rec.model.drop}: rec4j's model catalog. */
public class ModelProcedures {

    @Context
    public Rec4jRuntime runtime;

    @Context
    public GraphDatabaseService db;

    @Procedure(name = "rec.model.list", mode = Mode.READ)
    @Description("The models in rec4j's catalog for this database.")
    public Stream<ModelInfo> list() {
        return runtime.models().list(db.databaseName()).stream().sorted((a, b) -> a.name().compareTo(b.name())).map(ModelInfo::new);
    }

    @Procedure(name = "rec.model.drop", mode = Mode.WRITE)
    @Description("Removes a model from rec4j's catalog and returns what it was.")
    public Stream<ModelInfo> drop(@Name(value = "modelName", description = "The name of the model to drop.") String modelName) {
        return Stream.of(runtime.models().drop("rec.model.drop", db.databaseName(), modelName).map(ModelInfo::new)
                .orElseGet(() -> new ModelInfo(modelName)));
    }

    public record ModelInfo(
            @Description("The model's name.")
            String modelName,
            @Description("The kind of model: 'gcn'.")
            String modelType,
            @Description("The GDS graph it was trained on.")
            String graphName,
            @Description("Users and items it has embeddings for.")
            long nodes,
            @Description("The dimension of its final embeddings.")
            long dimension,
            @Description("How layer 0 fuses text and ID embeddings: none, sum, concat or attention.")
            String fusion,
            @Description("When it was trained (ISO-8601).")
            String trainedAt,
            @Description("bestEpoch, validationRecall, didConverge, trainMillis, selectedEpochs and refit of its training "
                    + "(rec.gcn.train's columns of those names), and nodeIdentity: what it checks of its nodes.")
            Map<String, Object> trainInfo) {

        /** A model whose file was damaged: only its name is known. */
        ModelInfo(String name) {
            this(name, "gcn", null, 0, 0, null, null, Map.of("damaged", true));
        }

        ModelInfo(StoredModel m) {
            this(m.name(), "gcn", m.graphName(), m.model().users() + m.model().items(), m.model().width(),
                    m.model().parameters().fusion().name().toLowerCase(), m.trainedAt().toString(), m.trainInfo());
        }
    }
}
