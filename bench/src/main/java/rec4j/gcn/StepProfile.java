package rec4j.gcn;

import java.util.Random;

/** Diagnostic: where one GCN training step's time goes (forward, BPR, backward, Adam) on a generated graph. */
public final class StepProfile {
    public static void main(String[] args) throws Exception {
        Interactions data = rec4j.bench.ScaleData.load(args[0]).toInteractions();
        int concurrency = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        GcnParameters p = GcnParameters.defaults().withConcurrency(concurrency);
        Random random = new Random(1);
        try (GcnNetwork net = new GcnNetwork(p, data.adjacency(), data, random)) {
            int n = net.nodes * net.width;
            float[] dOut = new float[n], dL0 = new float[n], gId = new float[net.id.length];
            int[] bu = new int[batch], bi = new int[batch], bj = new int[batch];
            Adam adam = new Adam(net.id.length, 0.01);
            for (int rep = 0; rep < 6; rep++) {
                for (int t = 0; t < batch; t++) {
                    int u;
                    do {
                        u = random.nextInt(data.users());
                    } while (data.positives()[u].length == 0);
                    bu[t] = u;
                    bi[t] = data.positives()[u][random.nextInt(data.positives()[u].length)];
                    bj[t] = random.nextInt(data.items());
                }
                long t0 = System.nanoTime();
                net.forward(null);
                long t1 = System.nanoTime();
                net.smooth(net.output, dL0);
                long t2 = System.nanoTime();
                BprStep.step(net, data.users(), bu, bi, bj, batch, null, dOut, dL0, gId, null, null, 1e-3);
                long t3 = System.nanoTime();
                adam.update(net.id, gId);
                long t4 = System.nanoTime();
                System.out.printf("forward %.1f ms, one smoothing %.1f ms, whole step %.1f ms, adam %.1f ms%n",
                        (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6);
            }
        }
    }
}
