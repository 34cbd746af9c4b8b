#!/usr/bin/env bash
# Runs the consumer example built by
#   mvn -q -f examples/consumer/pom.xml -Ddialect=sqlite|postgres clean package
# with a plain module-path launch: target/lib (Stratum, the chosen dialect, their dependencies) plus the
# example's own jar. The database comes from STRATUM_DATABASE_URL / _USER / _PASSWORD (default: a new
# SQLite file in a temporary folder).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$(ls "$here"/target/stratum-consumer-example-*.jar 2>/dev/null | head -1 || true)"
if [ -z "$jar" ] || [ ! -d "$here/target/lib" ]; then
  echo "run.sh: build the example first: mvn -q -f $here/pom.xml -Ddialect=sqlite clean package" >&2
  exit 2
fi
exec java --module-path "$here/target/lib:$jar" --module io.stratum.example.consumer/io.stratum.example.consumer.Main "$@"
