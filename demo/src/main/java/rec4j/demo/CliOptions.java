package rec4j.demo;

import java.util.HashMap;
import java.util.Map;

/** The {@code --key value} command lines of {@link DemoClient} and {@link FaultClient}. */
final class CliOptions {

    private CliOptions() {}

    /** The {@code --key value} pairs after the command word {@code args[0]}, in a map the caller may change. */
    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Expected --key value pairs, got '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
