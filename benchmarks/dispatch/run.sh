#!/usr/bin/env bash
# JMH benchmark of the dispatch path. Usage: benchmarks/dispatch/run.sh [JMH options]
# default: one fork, 2 warm-up and 3 measured iterations of 1 s.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."
mvn -B -q install -pl benchmarks/dispatch -am -DskipTests
mvn -B -q -pl benchmarks/dispatch dependency:build-classpath -Dmdep.outputFile="$here/target/classpath.txt"
cp=$(cat "$here/target/classpath.txt")
[ $# -gt 0 ] || set -- -f 1 -wi 2 -i 3 -r 1 -w 1
exec java -cp "$here/target/classes:$cp" org.openjdk.jmh.Main "$@"
