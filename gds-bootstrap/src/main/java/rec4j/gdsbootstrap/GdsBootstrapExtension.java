package rec4j.gdsbootstrap;

import java.util.Optional;
import org.neo4j.configuration.Config;
import org.neo4j.gds.LicensingBusinessFacade;
import org.neo4j.gds.OpenGdsLicensingServiceBuilder;
import org.neo4j.gds.SysInfoProcFacade;
import org.neo4j.gds.applications.operations.FeatureTogglesRepository;
import org.neo4j.gds.core.model.OpenModelCatalog;
import org.neo4j.gds.core.write.NativeExportBuildersProvider;
import org.neo4j.gds.metrics.Metrics;
import org.neo4j.gds.procedures.integration.DefaultExportLocation;
import org.neo4j.gds.procedures.integration.LogAccessor;
import org.neo4j.gds.procedures.integration.OpenGraphDataScienceExtensionBuilder;
import org.neo4j.kernel.api.procedure.GlobalProcedures;
import org.neo4j.kernel.extension.ExtensionFactory;
import org.neo4j.kernel.extension.ExtensionType;
import org.neo4j.kernel.extension.context.ExtensionContext;
import org.neo4j.kernel.lifecycle.Lifecycle;
import org.neo4j.logging.internal.LogService;

/**
 * Test and demo only. GDS procedures from Maven Central inject components that the official GDS
 * plugin jar registers from a module that is not published; this extension registers them the same
 * way so that a server built from Maven jars can run GDS. A real installation uses the official GDS
 * plugin instead, which is why this class never goes into the rec4j plugin jar.
 */
public final class GdsBootstrapExtension extends ExtensionFactory<GdsBootstrapExtension.Dependencies> {

    public interface Dependencies {
        Config config();

        GlobalProcedures globalProcedures();

        LogService logService();
    }

    public GdsBootstrapExtension() {
        super(ExtensionType.GLOBAL, "rec4j-gds-bootstrap");
    }

    @Override
    public Lifecycle newInstance(ExtensionContext context, Dependencies dependencies) {
        var config = dependencies.config();
        var log = new LogAccessor().getLog(dependencies.logService(), GdsBootstrapExtension.class);
        var lifecycle = OpenGraphDataScienceExtensionBuilder.create(
                        log,
                        dependencies.globalProcedures(),
                        config,
                        (db, cfg) -> new NativeExportBuildersProvider(),
                        new DefaultExportLocation(log, config),
                        new FeatureTogglesRepository(),
                        Metrics.DISABLED,
                        new OpenModelCatalog(),
                        model -> {
                            throw new UnsupportedOperationException("Storing GDS models is not available in this server");
                        },
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty())
                .getLeft()
                .build();
        var licensing = new LicensingBusinessFacade(new OpenGdsLicensingServiceBuilder().build(config));
        dependencies.globalProcedures().registerComponent(SysInfoProcFacade.class, ctx -> new SysInfoProcFacade(licensing), true);
        return lifecycle;
    }
}
