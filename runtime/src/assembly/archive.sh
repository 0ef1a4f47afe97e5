#!/usr/bin/env bash
# Makes target/osvif-VERSION.tar.gz from the built runtime (run by the build, package phase):
# bin/ lib/ bundles/ features/, etc/ (the defaults, commented, from src/etc), packaging/ and
# docs/operations.md, under one folder osvif-VERSION/. Unpacked anywhere, its bin/osvif uses
# that folder as OSVIF_HOME. Not lib/osvif.jsa: a class-data-sharing archive records the paths
# it was made at and the JVM ignores it anywhere else (OSVIF_CDS=dump remakes it in place).
# Plain tar, so the build needs no plugin beyond the ones it has.
set -euo pipefail
runtime=$(cd "$(dirname "$0")/../.." && pwd)
version=$1
name=osvif-$version
stage=$runtime/target/archive
rm -rf "$stage" && mkdir -p "$stage/$name"
cd "$runtime"
cp -R bin lib bundles features "$stage/$name/"
rm -f "$stage/$name"/lib/*.jsa
cp -R src/etc "$stage/$name/etc"
cp -R ../packaging "$stage/$name/packaging"
mkdir -p "$stage/$name/docs" && cp ../docs/operations.md "$stage/$name/docs/"
chmod -R u=rwX,go=rX "$stage/$name"
chmod 0755 "$stage/$name/bin/osvif"
tar -C "$stage" --owner=0 --group=0 --numeric-owner --sort=name -czf "$runtime/target/$name.tar.gz" "$name"
rm -rf "$stage"
echo "$runtime/target/$name.tar.gz"
