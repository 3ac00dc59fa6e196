package rec4j.model;


import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rec4j.ease.Ease;
import rec4j.recommend.NodeIdentity;

/**
 * The on-disk form of an EASE model: {@code <directory>/<name>.rec4j-ease}, streamed ({@link ModelStreams}: atomic,
 * SHA-256 checked), so that a catalog of tens of thousands of items (items^2 floats) never sits in memory twice.
 */
final class EaseFiles {

    static final String SUFFIX = ".rec4j-ease";
    private static final int MAGIC = 0x52433445; // "RC4E"
    private static final int VERSION = 2; // 2: the calibration, after the node identity

    private EaseFiles() {}

    static void write(Path directory, EaseModel m) throws IOException {
        ModelStreams.writeAtomically(directory, m.name() + SUFFIX, out -> {
            ModelFiles.writeHeader(out, MAGIC, VERSION, m.name(), m.database());
            out.writeUTF(m.graphName());
            out.writeUTF(m.userLabel());
            out.writeUTF(m.itemLabel());
            ModelFiles.writeStrings(out, m.relationshipTypes());
            out.writeLong(m.trainedAt().toEpochMilli());
            EaseModel.Training t = m.training();
            out.writeBoolean(t.lambdaPicked());
            out.writeInt(t.validationRecalls().size());
            for (Map.Entry<Double, Double> e : t.validationRecalls().entrySet()) {
                out.writeDouble(e.getKey());
                out.writeDouble(e.getValue());
            }
            out.writeLong(t.users());
            out.writeLong(t.interactions());
            out.writeLong(t.trainMillis());
            Ease.Model e = m.ease();
            out.writeInt(e.items());
            out.writeDouble(e.lambda());
            out.writeLong(e.gramMillis());
            out.writeLong(e.inverseMillis());
            ModelFiles.writeFloats(out, e.itemVectors());
            ModelFiles.writeLongs(out, m.itemNodeIds());
            NodeIdentity identity = m.identity();
            out.writeBoolean(identity.hasFingerprints());
            if (identity.hasFingerprints()) {
                ModelFiles.writeStrings(out, identity.itemKeys());
                ModelFiles.writeLongs(out, identity.itemFingerprints());
            }
            out.writeBoolean(t.calibration() != null);
            if (t.calibration() != null) {
                out.writeDouble(t.calibration().a());
                out.writeDouble(t.calibration().b());
            }
        });
    }

    static EaseModel read(Path file) throws IOException {
        return ModelStreams.readVerified(file, in -> {
            int version = in.readInt() == MAGIC ? in.readInt() : -1;
            if (version < 1 || version > VERSION) {
                throw new IllegalStateException("Model file " + file.getFileName() + " is not a rec4j EASE model of format "
                        + "version 1 to " + VERSION);
            }
            String name = in.readUTF(), database = in.readUTF(), graph = in.readUTF(), userLabel = in.readUTF(),
                    itemLabel = in.readUTF();
            List<String> types = ModelFiles.readStrings(in);
            Instant trainedAt = Instant.ofEpochMilli(in.readLong());
            boolean picked = in.readBoolean();
            Map<Double, Double> recalls = new LinkedHashMap<>();
            for (int k = in.readInt(); k > 0; k--) {
                recalls.put(in.readDouble(), in.readDouble());
            }
            long users = in.readLong(), interactions = in.readLong(), trainMillis = in.readLong();
            int items = in.readInt();
            double lambda = in.readDouble();
            long gram = in.readLong(), inverse = in.readLong();
            Ease.Model ease = new Ease.Model(items, ModelFiles.readFloats(in), lambda, gram, inverse);
            long[] itemIds = ModelFiles.readLongs(in);
            NodeIdentity identity = NodeIdentity.LABELS_ONLY;
            if (in.readBoolean()) {
                List<String> keys = ModelFiles.readStrings(in);
                identity = new NodeIdentity(List.of(), keys, new long[0], ModelFiles.readLongs(in));
            }
            rec4j.evaluate.Calibration.Platt calibration = version >= 2 && in.readBoolean()
                    ? new rec4j.evaluate.Calibration.Platt(in.readDouble(), in.readDouble()) : null;
            EaseModel.Training training = new EaseModel.Training(picked, recalls, users, interactions, trainMillis,
                    calibration);
            return new EaseModel(name, database, ease, itemIds, identity, graph, userLabel, itemLabel, types, trainedAt,
                    training);
        });
    }


}
