package rec4j.gcn;

/** Adam (Kingma and Ba) over one flat parameter array, with PyTorch's bias correction and epsilon. */
final class Adam {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final float[] m;
    private final float[] v;
    private double learningRate;
    private int step;

    Adam(int size, double learningRate) {
        this.m = new float[size];
        this.v = new float[size];
        this.learningRate = learningRate;
    }

    void learningRate(double value) {
        learningRate = value;
    }

    void update(float[] parameters, float[] gradient) {
        step++;
        double c1 = 1 - Math.pow(BETA1, step);
        double c2 = 1 - Math.pow(BETA2, step);
        float b1 = (float) BETA1, b2 = (float) BETA2;
        for (int i = 0; i < parameters.length; i++) {
            float g = gradient[i];
            m[i] = b1 * m[i] + (1 - b1) * g;
            v[i] = b2 * v[i] + (1 - b2) * g * g;
            double mHat = m[i] / c1;
            double vHat = v[i] / c2;
            parameters[i] -= (float) (learningRate * mHat / (Math.sqrt(vHat) + EPSILON));
        }
    }
}
