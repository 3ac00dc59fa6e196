package rec4j.feedback;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** Points in time as rec4j reads them from properties and configs: epoch milliseconds. */
public final class Times {

    private Times() {}

    /** What {@link #millis} accepts, for messages. */
    public static final String ALLOWED = "a DATETIME, LOCAL DATETIME or DATE (UTC), or a number of epoch seconds";

    /** Epoch milliseconds of a value, or null when it is none of {@link #ALLOWED} (the caller says where). */
    public static Long millis(Object value) {
        if (value instanceof ZonedDateTime t) {
            return t.toInstant().toEpochMilli();
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant().toEpochMilli();
        }
        if (value instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        if (value instanceof LocalDate d) {
            return d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        }
        if (value instanceof Number n && !(n instanceof Double d && (d.isNaN() || d.isInfinite()))) {
            return Math.round(n.doubleValue() * 1000);
        }
        return null;
    }

    /** Epoch milliseconds as a UTC DATETIME. */
    public static ZonedDateTime dateTime(long millis) {
        return ZonedDateTime.ofInstant(java.time.Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }
}
