package rec4j.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.NotFoundException;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;

/**
 * A user's text profile: the weighted mean of the vectors of the items the user interacted with, scaled to unit
 * length, written in batches. Items without the vector are left out; so are interactions whose weight is below
 * {@code minWeight} or not positive.
 */
public final class ProfileBuilder {

    public record Job(String embeddingProperty, String writeProperty, String weightProperty, Double minWeight,
            Direction direction, RelationshipType[] types, int batchSize) {}

    public static final class Progress {
        public long written;
        public long skipped;
        public int dimension;
    }

    private ProfileBuilder() {}

    public static void run(Job job, long[] users, Function<Long, Node> reader, BatchWriter writer, BooleanSupplier stop,
            Progress progress) {
        for (int start = 0; start < users.length; start += job.batchSize()) {
            if (stop.getAsBoolean()) {
                throw new TextEncoder.EmbeddingCancelledException();
            }
            List<Long> ids = new ArrayList<>();
            List<float[]> profiles = new ArrayList<>();
            for (int i = start; i < Math.min(users.length, start + job.batchSize()); i++) {
                Node user;
                try {
                    user = reader.apply(users[i]);
                } catch (NotFoundException deletedMeanwhile) {
                    continue;
                }
                float[] profile = profile(job, user, progress);
                if (profile == null) {
                    progress.skipped++;
                } else {
                    ids.add(users[i]);
                    profiles.add(profile);
                }
            }
            writer.commit(tx -> {
                for (int k = 0; k < ids.size(); k++) {
                    tx.getNodeById(ids.get(k)).setProperty(job.writeProperty(), profiles.get(k));
                }
            });
            progress.written += ids.size();
        }
    }

    static float[] profile(Job job, Node user, Progress progress) {
        double[] sum = null;
        try (var relationships = user.getRelationships(job.direction(), job.types())) {
            for (Relationship relationship : relationships) {
                double weight = 1.0;
                if (job.weightProperty() != null) {
                    Object w = relationship.getProperty(job.weightProperty(), null);
                    if (w == null) {
                        continue;
                    }
                    if (!(w instanceof Number n)) {
                        throw new IllegalArgumentException("rec.embed.profiles: weightProperty '" + job.weightProperty()
                                + "' of relationship " + relationship.getElementId() + " is "
                                + EntityTextEmbedder.typeName(w) + ", not a number");
                    }
                    weight = n.doubleValue();
                }
                if (weight <= 0 || (job.minWeight() != null && weight < job.minWeight())) {
                    continue;
                }
                Node item = relationship.getOtherNode(user);
                Object vector = item.getProperty(job.embeddingProperty(), null);
                if (vector == null) {
                    continue;
                }
                double[] values = toDoubles(vector, item, job.embeddingProperty());
                if (sum == null) {
                    sum = new double[values.length];
                } else if (sum.length != values.length) {
                    throw new IllegalArgumentException("rec.embed.profiles: embeddingProperty '" + job.embeddingProperty()
                            + "' of node " + item.getElementId() + " has " + values.length + " dimensions, others have "
                            + sum.length);
                }
                for (int c = 0; c < values.length; c++) {
                    sum[c] += weight * values[c];
                }
            }
        }
        if (sum == null) {
            return null;
        }
        double norm = 0;
        for (double v : sum) {
            norm += v * v;
        }
        if (norm == 0) {
            return null;
        }
        norm = Math.sqrt(norm);
        float[] profile = new float[sum.length];
        for (int c = 0; c < sum.length; c++) {
            profile[c] = (float) (sum[c] / norm);
        }
        progress.dimension = profile.length;
        return profile;
    }

    private static double[] toDoubles(Object vector, Node item, String property) {
        if (vector instanceof float[] f) {
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            return d;
        }
        if (vector instanceof double[] d) {
            return d;
        }
        throw new IllegalArgumentException("rec.embed.profiles: embeddingProperty '" + property + "' of node "
                + item.getElementId() + " is " + EntityTextEmbedder.typeName(vector) + ", not a list of floats");
    }
}
