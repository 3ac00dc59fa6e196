package rec4j.numeric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CholeskyTest {

    @Test
    void solvesASmallSystemWithTwoRightHandSides() {
        // [[4, 2], [2, 3]] z = [2, 1] -> z = (1/8) [[3, -2], [-2, 4]] [2, 1] = [0.5, 0]; second column [0, 8] -> [-2, 4]
        double[] a = {4, 2, 2, 3};
        double[] b = {2, 0, 1, 8};
        Cholesky.solveInPlace(a, 2, b, 2);
        assertThat(b).containsExactly(new double[] {0.5, -2, 0, 4}, within(1e-12));
    }

    @Test
    void solvesOneRightHandSideAndKeepsIt() {
        double[] b = {2, 1};
        double[] x = Cholesky.solve(new double[] {4, 2, 2, 3}, 2, b);
        assertThat(x).containsExactly(new double[] {0.5, 0}, within(1e-12));
        assertThat(b).containsExactly(2, 1);
    }

    @Test
    void refusesAMatrixThatIsNotPositiveDefinite() {
        // [[1, 2], [2, 1]]: the second pivot is 1 - 4 = -3
        assertThatThrownBy(() -> Cholesky.solve(new double[] {1, 2, 2, 1}, 2, new double[] {1, 1}))
                .isInstanceOfSatisfying(Cholesky.NotPositiveDefiniteException.class, e -> {
                    assertThat(e.column()).isEqualTo(1);
                    assertThat(e.pivot()).isEqualTo(-3.0);
                });
    }
}
