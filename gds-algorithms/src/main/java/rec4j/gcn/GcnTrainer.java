package rec4j.gcn;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import rec4j.numeric.Draws;

/**
 * Trains the GCN with BPR: per epoch as many (user, positive, negative) triples as there are training interactions,
 * users drawn uniformly (as the reference LightGCN does), negatives uniformly among the user's non-interacted items;
 * L2 on the layer-0 embeddings of the batch; Adam, its rate multiplied by {@code learningRateDecay} each epoch. The
 * model is the parameters averaged over the checkpoints ({@link ParameterAverage}). Early stopping on validation
 * Recall@20 when a validation set is given: the returned model is the best (averaged) one seen.
 * Deterministic for a seed, at any concurrency.
 */
public final class GcnTrainer {

    public record EpochStats(int epoch, double loss, double validationRecall, double validationNdcg, long millis) {}

    public record Result(GcnModel model, List<EpochStats> epochs, boolean didConverge, int bestEpoch,
            double bestValidationRecall, long trainMillis) {}

    /** Receives each epoch's statistics (the procedure logs them). */
    public interface Listener {
        void epoch(EpochStats stats);
    }

    /** Thrown when the termination check says stop; no model comes out. */
    public static final class TerminatedException extends RuntimeException {
        TerminatedException(int epoch) {
            super(epoch < 0 ? "GCN training was terminated" : "GCN training was terminated in epoch " + epoch);
        }
    }

    /**
     * Thrown when training diverges: a loss or a parameter that is not finite (NaN or infinite), typically from too
     * high a learning rate; no model comes out. The message names the epoch and the keys to change.
     */
    public static final class DivergedException extends IllegalArgumentException {
        DivergedException(int epoch, double loss, GcnParameters p) {
            super("training diverged in epoch " + epoch + ": the loss is " + loss + " (not finite); lower 'learningRate' ("
                    + p.learningRate() + ")" + (p.l2() > 0 ? "" : " or raise 'l2'") + "; no model was registered");
        }
    }

    private GcnTrainer() {}

    /**
     * @param train      interactions used for propagation and BPR
     * @param validation held-out items per user (null: no early stopping, the last epoch's model is returned)
     */
    public static Result train(Interactions train, int[][] validation, GcnParameters p, Listener listener,
            BooleanSupplier terminated) {
        return train(train, validation, p, null, null, listener, terminated);
    }

    /**
     * Items a user was shown and did not take (logged impressions): with probability {@code rate} a BPR negative of
     * the user is drawn from them (uniformly) instead of from all the user's non-items.
     *
     * @param items per user row, item indices; none is one of the user's positives
     */
    public record HardNegatives(int[][] items, double rate) {

        public HardNegatives {
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException("the hard negative rate must be in [0, 1], got " + rate);
            }
        }

        /** The number of (user, item) pairs. */
        public long count() {
            long n = 0;
            for (int[] row : items) {
                n += row.length;
            }
            return n;
        }
    }

    /**
     * As {@link #train(Interactions, int[][], GcnParameters, Listener, BooleanSupplier)}, with hard negatives and a warm
     * start (each may be null).
     */
    public static Result train(Interactions train, int[][] validation, GcnParameters p, HardNegatives hard,
            WarmStart warm, Listener listener, BooleanSupplier terminated) {
        return train(train, validation, p, hard, warm, false, listener, terminated);
    }

    /**
     * As above; with {@code positivesByWeight} a user's BPR positive is drawn in proportion to the interaction's weight
     * (e.g. a weight decaying with the interaction's age) instead of uniformly; the weights also weigh the propagation,
     * as they always do.
     */
    public static Result train(Interactions train, int[][] validation, GcnParameters p, HardNegatives hard,
            WarmStart warm, boolean positivesByWeight, Listener listener, BooleanSupplier terminated) {
        long start = System.nanoTime();
        Random random = new Random(p.randomSeed());
        NormalizedAdjacency adjacency = train.adjacency();
        if (hard != null && hard.items().length != train.users()) {
            throw new IllegalStateException("hard negatives for " + hard.items().length + " users, the graph has "
                    + train.users());
        }
        try (GcnNetwork net = new GcnNetwork(p, adjacency, train, random)) {
            if (warm != null) {
                warm.applyTo(net.id, p.embeddingDimension());
            }
            return train(train, validation, p, hard, positivesByWeight ? cumulativeWeights(train) : null, listener,
                    terminated, random, net, start);
        }
    }

    /** Per user, the running sums of the weights of its positives (for drawing a positive by weight). */
    static double[][] cumulativeWeights(Interactions train) {
        double[][] cumulative = new double[train.users()][];
        for (int u = 0; u < train.users(); u++) {
            float[] w = train.weights()[u];
            double[] c = new double[w.length];
            double sum = 0;
            for (int k = 0; k < w.length; k++) {
                sum += w[k];
                c[k] = sum;
            }
            cumulative[u] = c;
        }
        return cumulative;
    }

    /** The index of a positive drawn by weight: the first running sum above a uniform point of the total. */
    static int byWeight(double[] cumulative, Random random) {
        double x = random.nextDouble() * cumulative[cumulative.length - 1];
        int at = java.util.Arrays.binarySearch(cumulative, x);
        int k = at >= 0 ? at + 1 : -at - 1;
        return Math.min(k, cumulative.length - 1);
    }

    private static Result train(Interactions train, int[][] validation, GcnParameters p, HardNegatives hard,
            double[][] cumulative, Listener listener, BooleanSupplier terminated, Random random, GcnNetwork net,
            long start) {
        int nodes = net.nodes, width = net.width;
        Adam adamId = new Adam(net.id.length, p.learningRate());
        Adam adamProjection = net.projection != null ? new Adam(net.projection.length, p.learningRate()) : null;
        Adam adamGate = net.gate != null ? new Adam(net.gate.length, p.learningRate()) : null;
        float[] gradId = new float[net.id.length];
        float[] gradProjection = net.projection != null ? new float[net.projection.length] : null;
        float[] gradGate = net.gate != null ? new float[net.gate.length] : null;
        float[] dOutput = new float[nodes * width];
        float[] dLayer0 = new float[nodes * width];
        boolean[] dropped = p.idDropout() > 0 ? new boolean[nodes] : null;

        int[] activeUsers = IntStreamUtil.usersWithPositivesAndNegatives(train);
        if (activeUsers.length == 0) {
            throw new IllegalArgumentException("every user with interactions has interacted with every one of the "
                    + train.items() + " items: BPR has no negative item to learn from");
        }
        long samplesPerEpoch = train.interactionCount();
        // a batch never exceeds one epoch's samples: the arrays below grow with min(batchSize, interactions)
        int batchSize = (int) Math.min(p.batchSize(), samplesPerEpoch);
        int batches = (int) ((samplesPerEpoch + batchSize - 1) / batchSize);
        long triplesLong = (long) batchSize * p.negativeSamples();
        if (triplesLong > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("batchSize x negativeSamples = " + triplesLong + " triples per batch is more "
                    + "than one array can hold; lower 'batchSize' or 'negativeSamples'");
        }
        int triplesPerBatch = (int) triplesLong;
        int[] bu = new int[triplesPerBatch], bi = new int[triplesPerBatch], bj = new int[triplesPerBatch];

        List<EpochStats> history = new ArrayList<>();
        ParameterAverage average = new ParameterAverage(net);
        float[] best = null;
        float[][] bestParameters = null;
        int bestEpoch = 0;
        double bestRecall = -1;
        int evaluationsWithoutGain = 0;
        boolean converged = false;
        for (int epoch = 1; epoch <= p.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            double loss = 0;
            double rate = p.learningRate() * Math.pow(p.learningRateDecay(), epoch - 1);
            adamId.learningRate(rate);
            if (adamProjection != null) {
                adamProjection.learningRate(rate);
            }
            if (adamGate != null) {
                adamGate.learningRate(rate);
            }
            for (int b = 0; b < batches; b++) {
                if (terminated.getAsBoolean()) {
                    throw new TerminatedException(epoch);
                }
                int size = (int) Math.min(batchSize, samplesPerEpoch - (long) b * batchSize);
                int triples = 0;
                for (int s = 0; s < size; s++) {
                    int u = activeUsers[random.nextInt(activeUsers.length)];
                    int[] pos = train.positives()[u];
                    int i = pos[cumulative == null ? random.nextInt(pos.length) : byWeight(cumulative[u], random)];
                    int[] shown = hard == null || hard.rate() == 0 ? null : hard.items()[u];
                    for (int n = 0; n < p.negativeSamples(); n++) {
                        int j = shown != null && shown.length > 0 && random.nextDouble() < hard.rate()
                                ? shown[random.nextInt(shown.length)] : negative(train, u, pos, random);
                        bu[triples] = u;
                        bi[triples] = i;
                        bj[triples] = j;
                        triples++;
                    }
                }
                if (dropped != null) {
                    for (int node = 0; node < nodes; node++) {
                        dropped[node] = random.nextDouble() < p.idDropout();
                    }
                }
                loss += BprStep.step(net, train.users(), bu, bi, bj, triples, dropped, dOutput, dLayer0, gradId, gradProjection,
                        gradGate, p.l2()) * size;
                adamId.update(net.id, gradId);
                if (adamProjection != null) {
                    adamProjection.update(net.projection, gradProjection);
                }
                if (adamGate != null) {
                    adamGate.update(net.gate, gradGate);
                }
            }
            loss /= samplesPerEpoch;
            if (!Double.isFinite(loss)) {
                throw new DivergedException(epoch, loss, p);
            }
            double recall = Double.NaN, ndcg = Double.NaN;
            boolean checkpoint = epoch % p.evaluateEvery() == 0 || epoch == p.epochs();
            if (checkpoint) {
                average.add(net);
            }
            boolean evaluate = validation != null && checkpoint;
            float[] embeddings = null;
            if (evaluate) {
                embeddings = average.embeddings(net);
                RankingMetrics.Result r;
                try {
                    r = RankingMetrics.evaluate(embeddings, width, train, validation, 20, p.concurrency(), terminated);
                } catch (TerminatedException e) {
                    throw new TerminatedException(epoch);
                }
                recall = r.recall();
                ndcg = r.ndcg();
            }
            EpochStats stats = new EpochStats(epoch, loss, recall, ndcg, (System.nanoTime() - epochStart) / 1_000_000);
            history.add(stats);
            listener.epoch(stats);
            if (evaluate) {
                if (recall > bestRecall) {
                    bestRecall = recall;
                    bestEpoch = epoch;
                    best = embeddings;
                    bestParameters = average.mean(net); // copied only when a checkpoint is the best
                    evaluationsWithoutGain = 0;
                } else if (++evaluationsWithoutGain >= p.patience()) {
                    converged = true;
                    break;
                }
            }
        }
        if (average.isEmpty()) {
            throw new IllegalStateException("GCN training ended without a checkpoint (epochs " + p.epochs() + ")");
        }
        // the model is the averaged parameters: at the best checkpoint with validation, else at the last epoch
        float[][] parameters = bestParameters != null ? bestParameters : average.mean(net);
        float[] finalEmbeddings = best != null ? best : average.embeddings(net);
        for (float x : finalEmbeddings) {
            if (!Float.isFinite(x)) {
                throw new DivergedException(bestEpoch == 0 ? history.size() : bestEpoch, Double.NaN, p);
            }
        }
        if (best == null) {
            bestEpoch = history.size();
        }
        GcnModel model = new GcnModel(p, train.users(), train.items(), width, finalEmbeddings, parameters[0],
                parameters[1], parameters[2], net.featureDimension);
        return new Result(model, history, converged, bestEpoch, bestRecall, (System.nanoTime() - start) / 1_000_000);
    }

    /** A uniform negative item of user u (one u did not interact with; u has at least one): {@link Draws#outside}. */
    static int negative(Interactions train, int u, int[] positives, Random random) {
        return Draws.outside(train.items(), positives, random);
    }

    private static final class IntStreamUtil {
        static int[] usersWithPositivesAndNegatives(Interactions train) {
            return java.util.stream.IntStream.range(0, train.users())
                    .filter(u -> train.positives()[u].length > 0 && train.positives()[u].length < train.items()).toArray();
        }
    }
}
