package rec4j.bench;

/** Positional benchmark arguments with defaults: {@code BenchArgs.of(args).integer(1, 384)}. */
record BenchArgs(String[] args) {

    static BenchArgs of(String[] args) {
        return new BenchArgs(args);
    }

    String text(int position, String defaultValue) {
        return args.length > position ? args[position] : defaultValue;
    }

    int integer(int position, int defaultValue) {
        return args.length > position ? Integer.parseInt(args[position]) : defaultValue;
    }

    double number(int position, double defaultValue) {
        return args.length > position ? Double.parseDouble(args[position]) : defaultValue;
    }
}
