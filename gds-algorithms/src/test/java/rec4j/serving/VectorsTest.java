package rec4j.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class VectorsTest {

    @Test
    void theDotProductMatchesOneInDoubleAtEveryLengthAndOffset() {
        Random random = new Random(3);
        for (int length : new int[] {0, 1, 7, 8, 9, 15, 16, 63, 64, 65, 384}) {
            float[] a = new float[length + 5], b = new float[length + 3];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) random.nextGaussian();
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) random.nextGaussian();
            }
            double exact = 0, magnitude = 0;
            for (int c = 0; c < length; c++) {
                exact += (double) a[5 + c] * b[3 + c];
                magnitude += Math.abs((double) a[5 + c] * b[3 + c]);
            }
            assertThat((double) Vectors.dot(a, 5, b, 3, length)).as("length %d", length)
                    .isCloseTo(exact, within(1e-6 * (1 + magnitude)));
        }
    }

    @Test
    void aDotProductOfIntegersIsExact() {
        float[] a = new float[19], b = new float[19];
        long expected = 0;
        for (int i = 0; i < 19; i++) {
            a[i] = i - 9;
            b[i] = 2 * i + 1;
            expected += (long) (i - 9) * (2 * i + 1);
        }
        assertThat(Vectors.dot(a, 0, b, 0, 19)).isEqualTo((float) expected);
        assertThat(Vectors.norm(new float[] {3, 4})).isEqualTo(5f);
    }
}
