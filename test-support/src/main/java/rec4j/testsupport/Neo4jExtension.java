package rec4j.testsupport;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.neo4j.driver.Driver;

/**
 * {@code @ExtendWith(Neo4jExtension.class)}: injects the JVM's shared {@link Neo4jHarness} or its
 * {@link Driver} into test constructors, lifecycle methods and test methods.
 */
public final class Neo4jExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Neo4jHarness.class || type == Driver.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Neo4jHarness harness = Neo4jHarness.shared();
        return parameter.getParameter().getType() == Driver.class ? harness.driver() : harness;
    }
}
