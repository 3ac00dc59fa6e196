package rec4j.sentiment;

import rec4j.numeric.Cholesky;

/**
 * The objective {@link SentimentTrainer#logistic} minimises, and what Newton's method needs of it: the weighted mean
 * cross-entropy of multinomial logistic regression plus {@code l2/2 |theta - theta0|^2}, its gradient and Hessian
 * (derived by hand), and the solve of a Newton step. Parameters are laid out per class: its weights, then its bias.
 */
final class LogisticObjective {

    private LogisticObjective() {}

    /** Weighted mean cross-entropy plus the penalty; fills {@code prob} with the softmax of each example. */
    static double loss(double[][] columns, int[] y, double[] sample, double[] theta, double[] theta0, int k,
            double l2, double[][] prob) {
        int m = columns.length, n = y.length;
        double[][] z = new double[n][k];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < m; j++) {
                double w = theta[c * m + j];
                if (w == 0) {
                    continue;
                }
                double[] column = columns[j];
                for (int i = 0; i < n; i++) {
                    z[i][c] += w * column[i];
                }
            }
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                max = Math.max(max, z[i][c]);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += Math.exp(z[i][c] - max);
            }
            double logSum = max + Math.log(sum);
            for (int c = 0; c < k; c++) {
                prob[i][c] = Math.exp(z[i][c] - logSum);
            }
            total += sample[i] * (logSum - z[i][y[i]]);
        }
        if (theta0 == null) {
            return total + 0.5 * l2 * dot(theta, theta);
        }
        double penalty = 0;
        for (int q = 0; q < theta.length; q++) {
            double delta = theta[q] - theta0[q];
            penalty += delta * delta;
        }
        return total + 0.5 * l2 * penalty;
    }

    static double[] gradient(double[][] columns, int[] y, double[] sample, double[] theta, double[] theta0,
            double[][] prob, int k, double l2) {
        int m = columns.length, n = y.length;
        double[] g = new double[k * m];
        double[] residual = new double[n];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < n; i++) {
                residual[i] = (prob[i][c] - (y[i] == c ? 1 : 0)) * sample[i];
            }
            for (int j = 0; j < m; j++) {
                int q = c * m + j;
                g[q] = dotColumn(residual, columns[j]) + l2 * (theta0 == null ? theta[q] : theta[q] - theta0[q]);
            }
        }
        return g;
    }

    /** Block (c, e) is {@code sum_i s_i p_ic (delta_ce - p_ie) x_i x_i^T} (s_i the example's share), plus l2 on the diagonal. */
    static double[] hessian(double[][] columns, double[] sample, double[][] prob, int k, double l2) {
        int m = columns.length, n = prob.length, size = k * m;
        double[] h = new double[size * size];
        double[] weight = new double[n];
        double[] weighted = new double[n];
        for (int c = 0; c < k; c++) {
            for (int e = c; e < k; e++) {
                for (int i = 0; i < n; i++) {
                    weight[i] = prob[i][c] * ((c == e ? 1 : 0) - prob[i][e]) * sample[i];
                }
                for (int a = 0; a < m; a++) {
                    double[] ca = columns[a];
                    for (int i = 0; i < n; i++) {
                        weighted[i] = weight[i] * ca[i];
                    }
                    for (int b = a; b < m; b++) {
                        double v = dotColumn(weighted, columns[b]);
                        int r1 = c * m + a, c1 = e * m + b, r2 = c * m + b, c2 = e * m + a;
                        h[r1 * size + c1] = v;
                        h[c1 * size + r1] = v;
                        h[r2 * size + c2] = v;
                        h[c2 * size + r2] = v;
                    }
                }
            }
        }
        for (int q = 0; q < size; q++) {
            h[q * size + q] += l2;
        }
        return h;
    }

    /** Solves {@code h x = b} for a symmetric positive definite {@code h} (h is overwritten). */
    static double[] solve(double[] h, double[] b, int size) {
        try {
            return Cholesky.solve(h, size, b);
        } catch (Cholesky.NotPositiveDefiniteException e) {
            throw new IllegalStateException("the Hessian is not positive definite (pivot " + e.pivot() + " at "
                    + e.column() + ")");
        }
    }

    static double dotColumn(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double dot(double[] a, double[] b) {
        return dotColumn(a, b);
    }

    static double maxAbs(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
