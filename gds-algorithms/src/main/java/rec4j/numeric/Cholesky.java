package rec4j.numeric;

/**
 * The one dense Cholesky solver of rec4j (the ridge text tower and the sentiment trainer's Newton steps): solves
 * {@code A Z = B} for a symmetric positive definite {@code A} (n x n, row-major) by {@code A = L Lᵀ}.
 */
public final class Cholesky {

    /** {@code A} is not (numerically) positive definite: the pivot at {@code column} is not above 0. */
    public static final class NotPositiveDefiniteException extends IllegalStateException {
        private final int column;
        private final double pivot;

        NotPositiveDefiniteException(int column, double pivot) {
            super("matrix not positive definite (pivot " + pivot + " at column " + column + ")");
            this.column = column;
            this.pivot = pivot;
        }

        public int column() {
            return column;
        }

        public double pivot() {
            return pivot;
        }
    }

    private Cholesky() {}

    /**
     * Solves {@code A Z = B} in place of {@code B} (n x m, row-major); {@code a} is overwritten with L (lower triangle).
     *
     * @throws NotPositiveDefiniteException when a pivot is not above 0
     */
    public static void solveInPlace(double[] a, int n, double[] b, int m) {
        for (int j = 0; j < n; j++) {
            double d = a[j * n + j];
            for (int k = 0; k < j; k++) {
                d -= a[j * n + k] * a[j * n + k];
            }
            if (!(d > 0)) {
                throw new NotPositiveDefiniteException(j, d);
            }
            double l = Math.sqrt(d);
            a[j * n + j] = l;
            for (int i = j + 1; i < n; i++) {
                double s = a[i * n + j];
                int ri = i * n, rj = j * n;
                for (int k = 0; k < j; k++) {
                    s -= a[ri + k] * a[rj + k];
                }
                a[i * n + j] = s / l;
            }
        }
        for (int i = 0; i < n; i++) { // L Z' = B
            for (int k = 0; k < i; k++) {
                subtractRow(b, m, i, k, a[i * n + k]);
            }
            divideRow(b, m, i, a[i * n + i]);
        }
        for (int i = n - 1; i >= 0; i--) { // Lᵀ Z = Z'
            for (int k = i + 1; k < n; k++) {
                subtractRow(b, m, i, k, a[k * n + i]);
            }
            divideRow(b, m, i, a[i * n + i]);
        }
    }

    /** Row {@code i} of {@code b} (m columns) minus {@code factor} times row {@code k}. */
    private static void subtractRow(double[] b, int m, int i, int k, double factor) {
        for (int c = 0; c < m; c++) {
            b[i * m + c] -= factor * b[k * m + c];
        }
    }

    /** Row {@code i} of {@code b} (m columns) divided by {@code divisor}. */
    private static void divideRow(double[] b, int m, int i, double divisor) {
        for (int c = 0; c < m; c++) {
            b[i * m + c] /= divisor;
        }
    }

    /** The solution x of {@code A x = b} for one right-hand side ({@code b} is kept, {@code a} overwritten). */
    public static double[] solve(double[] a, int n, double[] b) {
        double[] x = b.clone();
        solveInPlace(a, n, x, 1);
        return x;
    }
}
