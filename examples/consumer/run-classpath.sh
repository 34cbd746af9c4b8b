#!/usr/bin/env bash
# Runs the consumer example built by
#   mvn -q -f examples/consumer/pom.xml -Ddialect=sqlite|postgres clean package
# on the class path instead of the module path: the same jars (target/lib plus the example's jar), no
# module flag. Stratum finds its services through META-INF/services there, so nothing else changes.
# The database comes from STRATUM_DATABASE_URL / _USER / _PASSWORD (default: a new SQLite file in a
# temporary folder).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$(ls "$here"/target/stratum-consumer-example-*.jar 2>/dev/null | head -1 || true)"
if [ -z "$jar" ] || [ ! -d "$here/target/lib" ]; then
  echo "run-classpath.sh: build the example first: mvn -q -f $here/pom.xml -Ddialect=sqlite clean package" >&2
  exit 2
fi
exec java -cp "$here/target/lib/*:$jar" io.stratum.example.consumer.Main "$@"
