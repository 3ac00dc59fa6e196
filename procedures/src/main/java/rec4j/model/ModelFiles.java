package rec4j.model;

import rec4j.recommend.NodeIdentity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import rec4j.gcn.GcnModel;
import rec4j.gcn.GcnParameters;

/**
 * The on-disk form of a stored model: {@code <directory>/<name>.rec4j}, written to a temporary file and renamed into
 * place (atomic on one file system), ending in a SHA-256 of everything before it that {@link #read} verifies.
 * Format versions: 2 added the relationship types, 3 the text tower, 4 the node identity, 5 the refit facts of the
 * training (selectedEpochs and refit, after the node identity), 6 the calibration (after them), 7 the hybrid's EASE part
 * and weight (after that); older files are read with their defaults.
 */
final class ModelFiles {

    static final String SUFFIX = ".rec4j";
    private static final int MAGIC = 0x52433447; // "RC4G"
    static final int VERSION = 7;

    private ModelFiles() {}

    static void write(Path directory, StoredModel model) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeHeader(out, MAGIC, VERSION, model.name(), model.database());
            out.writeUTF(model.graphName());
            out.writeUTF(model.userLabel());
            out.writeUTF(model.itemLabel());
            writeStrings(out, model.relationshipTypes());
            writeNullable(out, model.relationshipWeightProperty());
            writeStrings(out, model.featureProperties());
            out.writeLong(model.trainedAt().toEpochMilli());
            StoredModel.Training training = model.training();
            out.writeLong(training.bestEpoch());
            out.writeDouble(training.validationRecall() == null ? Double.NaN : training.validationRecall());
            out.writeBoolean(training.didConverge());
            out.writeLong(training.trainMillis());
            GcnModel m = model.model();
            GcnParameters p = m.parameters();
            out.writeInt(p.embeddingDimension());
            out.writeInt(p.layers());
            out.writeInt(p.epochs());
            out.writeInt(p.batchSize());
            out.writeDouble(p.learningRate());
            out.writeDouble(p.l2());
            out.writeInt(p.negativeSamples());
            out.writeUTF(p.fusion().name());
            out.writeDouble(p.idDropout());
            out.writeInt(p.evaluateEvery());
            out.writeInt(p.patience());
            out.writeLong(p.randomSeed());
            out.writeInt(p.concurrency());
            out.writeInt(m.users());
            out.writeInt(m.items());
            out.writeInt(m.width());
            out.writeInt(m.featureDimension());
            writeFloats(out, m.embeddings());
            writeFloats(out, m.idEmbeddings());
            writeFloats(out, m.projection());
            writeFloats(out, m.gate());
            writeLongs(out, model.userNodeIds());
            writeLongs(out, model.itemNodeIds());
            rec4j.gcn.TextTower.Weights tower = model.textTower();
            out.writeBoolean(tower != null);
            if (tower != null) {
                writeStrings(out, model.textTowerProperties());
                out.writeInt(tower.featureDimension());
                out.writeInt(tower.width());
                writeFloats(out, tower.weights());
                writeFloats(out, tower.featureMean());
                writeFloats(out, tower.embeddingMean());
                out.writeInt(tower.fittedItems());
                out.writeDouble(tower.l2());
            }
            NodeIdentity identity = model.identity();
            out.writeBoolean(identity.hasFingerprints());
            if (identity.hasFingerprints()) {
                writeStrings(out, identity.userKeys());
                writeStrings(out, identity.itemKeys());
                writeLongs(out, identity.userFingerprints());
                writeLongs(out, identity.itemFingerprints());
            }
            out.writeLong(training.selectedEpochs() == null ? -1 : training.selectedEpochs());
            out.writeBoolean(training.refit());
            out.writeBoolean(training.calibration() != null);
            if (training.calibration() != null) {
                out.writeDouble(training.calibration().a());
                out.writeDouble(training.calibration().b());
            }
            out.writeBoolean(training.hybrid() != null);
            if (training.hybrid() != null) {
                out.writeUTF(training.hybrid().easeModel());
                out.writeDouble(training.hybrid().weight());
            }
        }
        writeAtomically(directory, model.name() + SUFFIX, bytes.toByteArray());
    }

    /** The start of every model file: format magic and version, then the model's name and database. */
    static void writeHeader(DataOutputStream out, int magic, int version, String name, String database)
            throws IOException {
        out.writeInt(magic);
        out.writeInt(version);
        out.writeUTF(name);
        out.writeUTF(database);
    }

    /** Writes {@code payload} and its SHA-256 atomically ({@link ModelStreams#writeAtomically}). */
    static void writeAtomically(Path directory, String fileName, byte[] payload) throws IOException {
        ModelStreams.writeAtomically(directory, fileName, out -> out.write(payload));
    }

    /** Whether a file name is one of the temporary files of a save ({@code <name>.<suffix>.<random>.tmp}). */
    static boolean isTempFile(String fileName) {
        return fileName.endsWith(ModelStreams.TEMP_SUFFIX) && (fileName.contains(SUFFIX + ".")
                || fileName.contains(".rec4j-sentiment.") || fileName.contains(EaseFiles.SUFFIX + "."));
    }

    static void syncDirectory(Path directory) throws IOException {
        ModelStreams.syncDirectory(directory);
    }

    /** The payload of a file written by {@link #writeAtomically}, after checking its SHA-256. */
    static byte[] readVerified(Path file) throws IOException {
        return ModelStreams.readVerifiedBytes(file);
    }

    static StoredModel read(Path file) throws IOException {
        byte[] payload = readVerified(file);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            int version = in.readInt() == MAGIC ? in.readInt() : -1;
            if (version < 1 || version > VERSION) {
                throw new IllegalStateException("Model file " + file.getFileName() + " is not a rec4j model of format version 1 to " + VERSION);
            }
            String name = in.readUTF(), database = in.readUTF(), graph = in.readUTF(), userLabel = in.readUTF(),
                    itemLabel = in.readUTF();
            List<String> types = version >= 2 ? readStrings(in) : List.of();
            String weight = readNullable(in);
            List<String> features = readStrings(in);
            Instant trainedAt = Instant.ofEpochMilli(in.readLong());
            long bestEpoch = in.readLong();
            double recall = in.readDouble();
            boolean didConverge = in.readBoolean();
            long trainMillis = in.readLong();
            // the learning-rate decay is a training setting the file does not keep (1: none)
            GcnParameters p = new GcnParameters(in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readDouble(),
                    in.readDouble(), 1.0, in.readInt(), GcnParameters.Fusion.valueOf(in.readUTF()), in.readDouble(),
                    in.readInt(), in.readInt(), in.readLong(), in.readInt());
            int users = in.readInt(), items = in.readInt(), width = in.readInt(), featureDimension = in.readInt();
            GcnModel model = new GcnModel(p, users, items, width, readFloats(in), readFloats(in), readFloats(in),
                    readFloats(in), featureDimension);
            long[] userIds = readLongs(in), itemIds = readLongs(in);
            rec4j.gcn.TextTower.Weights tower = null;
            List<String> towerProperties = List.of();
            if (version >= 3 && in.readBoolean()) {
                towerProperties = readStrings(in);
                int f = in.readInt(), w = in.readInt();
                tower = new rec4j.gcn.TextTower.Weights(f, w, readFloats(in), readFloats(in), readFloats(in), in.readInt(),
                        in.readDouble());
            }
            NodeIdentity identity = NodeIdentity.LABELS_ONLY;
            if (version >= 4 && in.readBoolean()) {
                List<String> userKeys = readStrings(in), itemKeys = readStrings(in);
                identity = new NodeIdentity(userKeys, itemKeys, readLongs(in), readLongs(in));
            }
            // before format 5 there was no refit: with validation the model was the one of the epoch picked on it
            Long selectedEpochs = Double.isNaN(recall) ? null : bestEpoch;
            boolean refit = false;
            if (version >= 5) {
                long selected = in.readLong();
                selectedEpochs = selected < 0 ? null : selected;
                refit = in.readBoolean();
            }
            rec4j.evaluate.Calibration.Platt calibration = version >= 6 && in.readBoolean()
                    ? new rec4j.evaluate.Calibration.Platt(in.readDouble(), in.readDouble()) : null;
            StoredModel.Hybrid hybrid = version >= 7 && in.readBoolean()
                    ? new StoredModel.Hybrid(in.readUTF(), in.readDouble()) : null;
            StoredModel.Training training = new StoredModel.Training(bestEpoch, Double.isNaN(recall) ? null : recall,
                    didConverge, trainMillis, selectedEpochs, refit, calibration, hybrid);
            StoredModel stored = StoredModel.builder(name, database, model).nodes(userIds, itemIds, identity)
                    .graph(graph, userLabel, itemLabel, types, weight, features).trained(trainedAt, training).build();
            return tower == null ? stored : stored.withTextTower(tower, towerProperties);
        }
    }

    static void writeStrings(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            out.writeUTF(value);
        }
    }

    static List<String> readStrings(DataInputStream in) throws IOException {
        List<String> values = new ArrayList<>();
        for (int k = in.readInt(); k > 0; k--) {
            values.add(in.readUTF());
        }
        return List.copyOf(values);
    }

    static void writeNullable(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values == null ? -1 : values.length);
        if (values != null) {
            for (float v : values) {
                out.writeFloat(v);
            }
        }
    }

    static float[] readFloats(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }

    static void writeLongs(DataOutputStream out, long[] values) throws IOException {
        out.writeInt(values.length);
        for (long v : values) {
            out.writeLong(v);
        }
    }

    static long[] readLongs(DataInputStream in) throws IOException {
        long[] values = new long[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readLong();
        }
        return values;
    }
}
