package io.stratum.it;

import io.stratum.api.Dialect;
import io.stratum.api.spi.ModelCatalogue;
import io.stratum.api.spi.SchemaObject;
import io.stratum.api.spi.SchemaObject.Kind;
import java.util.List;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The reference's schema catalogue as the model module ships it, for table-driven checks. */
final class ReferenceCatalogue {
    private static final Pattern FOREIGN_KEY = Pattern.compile("(\\w+) -> (\\w+) ON DELETE ([A-Z ]+?)( DEFERRED)?");

    /** A foreign key of the reference: {@code child.column -> parent ON DELETE action}. */
    record ForeignKey(String name, String child, String column, String parent, String action) {
        @Override
        public String toString() {
            return name + ": " + child + "." + column + " -> " + parent + " ON DELETE " + action;
        }
    }

    private ReferenceCatalogue() {
    }

    static ModelCatalogue catalogue() {
        return ServiceLoader.load(ModelCatalogue.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no ModelCatalogue on the module path"));
    }

    static List<SchemaObject> objects(Dialect dialect, Kind kind) {
        return catalogue().expectedSchema(dialect).stream().filter(o -> o.kind() == kind).toList();
    }

    static List<ForeignKey> foreignKeys(Dialect dialect) {
        return objects(dialect, Kind.FOREIGN_KEY).stream().map(o -> {
            Matcher m = FOREIGN_KEY.matcher(o.detail());
            if (!m.matches()) {
                throw new IllegalStateException("unreadable foreign key " + o);
            }
            return new ForeignKey(o.name(), o.table(), m.group(1), m.group(2), m.group(3));
        }).toList();
    }
}
