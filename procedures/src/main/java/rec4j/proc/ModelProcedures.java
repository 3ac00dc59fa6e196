package rec4j.proc;

import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import java.util.Optional;
import rec4j.model.EaseModel;
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
        return Stream.concat(runtime.models().list(db.databaseName()).stream().map(ModelInfo::new),
                runtime.models().listEase(db.databaseName()).stream().map(ModelInfo::new))
                .sorted((a, b) -> a.modelName().compareTo(b.modelName()));
    }

    @Procedure(name = "rec.model.drop", mode = Mode.WRITE)
    @Description("Removes a model from rec4j's catalog and returns what it was; a hybrid goes with its EASE part.")
    public Stream<ModelInfo> drop(@Name(value = "modelName", description = "The name of the model to drop.") String modelName) {
        String database = db.databaseName();
        rec4j.config.ModelNames.require("rec.model.drop", "modelName", modelName);
        EaseModel ease;
        try {
            ease = runtime.models().getEase(database, modelName).orElse(null);
        } catch (IllegalStateException damaged) {
            ease = null;
        }
        Optional<StoredModel> gcn = runtime.models().drop("rec.model.drop", database, modelName);
        StoredModel.Hybrid hybrid = gcn.map(m -> m.training().hybrid()).orElse(null);
        if (hybrid != null && runtime.models().getEase(database, hybrid.easeModel()).isPresent()) {
            runtime.models().drop("rec.model.drop", database, hybrid.easeModel());
        }
        return Stream.of(ease != null ? new ModelInfo(ease) : gcn.map(ModelInfo::new).orElseGet(() -> new ModelInfo(modelName)));
    }

    public record ModelInfo(
            @Description("The model's name.")
            String modelName,
            @Description("The kind of model: 'gcn', 'ease' or 'hybrid' (a GCN part served blended with an EASE part).")
            String modelType,
            @Description("The GDS graph it was trained on.")
            String graphName,
            @Description("Users and items it has embeddings for (EASE: items; it has no user rows).")
            long nodes,
            @Description("The dimension of its final embeddings (EASE: items, one weight B[j][i] per item j).")
            long dimension,
            @Description("How text enters: 'tower' (a text tower on a graph-only model), or how layer 0 fuses text and ID embeddings: none, sum, concat or attention (null for EASE).")
            String fusion,
            @Description("When it was trained (ISO-8601).")
            String trainedAt,
            @Description("GCN: bestEpoch, validationRecall, didConverge, trainMillis, selectedEpochs and refit of its training "
                    + "(rec.gcn.train's columns of those names), nodeIdentity (what it checks of its nodes), calibration "
                    + "({a, b} or null) and for a hybrid {easeModel, weight}; EASE: lambda, lambdaPicked, validationRecalls "
                    + "(per lambda tried), users, interactions, trainMillis, nodeIdentity, calibration.")
            Map<String, Object> trainInfo) {

        /** A model whose file was damaged: only its name is known. */
        ModelInfo(String name) {
            this(name, "gcn", null, 0, 0, null, null, Map.of("damaged", true));
        }

        ModelInfo(StoredModel m) {
            this(m.name(), m.training().hybrid() != null ? "hybrid" : "gcn", m.graphName(), m.model().users() + m.model().items(), m.model().width(),
                    m.model().parameters().fusion() == rec4j.gcn.GcnParameters.Fusion.NONE && m.textTower() != null ? "tower"
                            : m.model().parameters().fusion().name().toLowerCase(), m.trainedAt().toString(), m.trainInfo());
        }

        ModelInfo(EaseModel m) {
            this(m.name(), "ease", m.graphName(), m.items(), m.items(), null, m.trainedAt().toString(), m.trainInfo());
        }
    }
}
