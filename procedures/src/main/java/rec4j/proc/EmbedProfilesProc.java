package rec4j.proc;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.logging.Log;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.TerminationGuard;
import rec4j.embed.BatchWriter;
import rec4j.embed.EmbedConfig;
import rec4j.embed.ProfileBuilder;

/** {@code rec.embed.profiles}: each user's text profile from the vectors of the items they interacted with. */
public class EmbedProfilesProc {

    static final String PROFILES = "rec.embed.profiles";

    @Context
    public GraphDatabaseService db;

    @Context
    public Transaction tx;

    @Context
    public Log log;

    @Context
    public TerminationGuard guard;

    @Procedure(name = PROFILES, mode = Mode.WRITE)
    @Description("Writes each user's text profile: the weighted mean of the embeddings of the items the user interacted "
            + "with (weight from a relationship property, e.g. the rating), scaled to unit length. Users without any "
            + "embedded item are skipped and counted. The basis of cold-start and context features.")
    public Stream<ProfileResult> profiles(
            @Name(value = "config", description = EmbedConfig.PROFILES_DOC) Map<String, Object> config) {
        EmbedConfig.Profiles c = EmbedConfig.Profiles.of(PROFILES, config);
        Entities.requireKnown(PROFILES, "nodeLabels", "label", c.nodeLabels(), Entities.labelsInUse(tx));
        Entities.requireKnown(PROFILES, "relationshipTypes", "relationship type", c.relationshipTypes(),
                Entities.typesInUse(tx));
        Entities.requireKnownProperties(tx, PROFILES, "embeddingProperty", List.of(c.embeddingProperty()));
        if (c.weightProperty() != null) {
            Entities.requireKnownProperties(tx, PROFILES, "weightProperty", List.of(c.weightProperty()));
        }

        long[] ids = Entities.nodeIds(tx, c.nodeLabels());
        ProfileBuilder.Progress progress = new ProfileBuilder.Progress();
        BatchWriter writer = new BatchWriter(db, tx);
        try {
            ProfileBuilder.run(c.job(), ids, tx::getNodeById, writer, () -> Entities.terminated(guard), progress);
        } catch (RuntimeException e) {
            // no skipExisting here: a rerun recomputes every profile
            throw Entities.stopped(log, guard, PROFILES, "users", progress.written, writer.committedBatches(), e, false);
        }
        log.info("%s: %d profiles written, %d users skipped", PROFILES, progress.written, progress.skipped);
        return Stream.of(new ProfileResult(progress, writer.committedBatches()));
    }

    public record ProfileResult(
            @Description("Users whose profile was written and committed.")
            long profilesWritten,
            @Description("Users skipped because none of their items (after minWeight) has an embedding.")
            long usersSkipped,
            @Description(Docs.COMMITTED_BATCHES)
            long committedBatches,
            @Description("The dimension of the written profiles (0 when none was written).")
            long dimension) {

        ProfileResult(ProfileBuilder.Progress p, long batches) {
            this(p.written, p.skipped, batches, p.dimension);
        }
    }
}
