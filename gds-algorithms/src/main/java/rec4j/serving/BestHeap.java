package rec4j.serving;

/**
 * The m best (row, score) pairs offered so far, best meaning the higher score, ties to the lower row; a min-heap with
 * the worst at the root.
 */
final class BestHeap {

    private final int[] rows;
    private final float[] scores;
    private int size;

    BestHeap(int m) {
        rows = new int[m];
        scores = new float[m];
    }

    boolean full() {
        return size == rows.length;
    }

    /** The worst score kept (only when full). */
    float worst() {
        return scores[0];
    }

    void offer(int row, float score) {
        if (size < rows.length) {
            rows[size] = row;
            scores[size] = score;
            siftUp(size++);
        } else if (size > 0 && better(row, score, rows[0], scores[0])) {
            rows[0] = row;
            scores[0] = score;
            siftDown(size);
        }
    }

    /** Everything kept, best first; empties the heap. */
    Ranker.Ranked[] drain() {
        Ranker.Ranked[] out = new Ranker.Ranked[size];
        for (int n = size; n > 0; n--) { // pop the worst repeatedly: fills the output from the back
            out[n - 1] = new Ranker.Ranked(rows[0], scores[0]);
            rows[0] = rows[n - 1];
            scores[0] = scores[n - 1];
            siftDown(n - 1);
        }
        size = 0;
        return out;
    }

    private void siftUp(int at) {
        while (at > 0) {
            int parent = (at - 1) / 2;
            if (!better(rows[parent], scores[parent], rows[at], scores[at])) {
                return;
            }
            swap(parent, at);
            at = parent;
        }
    }

    private void siftDown(int n) {
        int at = 0;
        while (true) {
            int l = 2 * at + 1, r = l + 1, worst = at;
            if (l < n && better(rows[worst], scores[worst], rows[l], scores[l])) {
                worst = l;
            }
            if (r < n && better(rows[worst], scores[worst], rows[r], scores[r])) {
                worst = r;
            }
            if (worst == at) {
                return;
            }
            swap(at, worst);
            at = worst;
        }
    }

    private void swap(int i, int j) {
        int t = rows[i];
        rows[i] = rows[j];
        rows[j] = t;
        float f = scores[i];
        scores[i] = scores[j];
        scores[j] = f;
    }

    private static boolean better(int rowA, float scoreA, int rowB, float scoreB) {
        return scoreA > scoreB || (scoreA == scoreB && rowA < rowB);
    }
}
