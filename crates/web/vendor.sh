#!/usr/bin/env bash
# Vendors the playground's third-party files from the npm registry into assets/vendor/, each
# package in <name>-<version>/ with its license, and writes assets/vendor/MANIFEST.json: every
# file with its package, version, license, SHA-256 and the integrity of the npm tarball it came
# from. A test (tests/e2e/playground.rs) checks the bytes the server sends against that list.
#
# To update: change a version below, run `crates/web/vendor.sh`, update the paths in
# assets/playground/index.html, and commit the new directory and manifest. Needs npm.
set -euo pipefail
cd "$(dirname "$0")/assets/vendor"

# package version license files (inside the package)...
PACKAGES=(
  "react 18.3.1 MIT umd/react.production.min.js"
  "react-dom 18.3.1 MIT umd/react-dom.production.min.js"
  "graphiql 3.9.0 MIT graphiql.min.js graphiql.min.css"
)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
entries=()
for spec in "${PACKAGES[@]}"; do
  read -r name version license files <<<"$spec"
  (cd "$work" && npm pack --silent --json "$name@$version" >"$name.json")
  tarball="$(cd "$work" && node -p "require('./$name.json')[0].filename")"
  integrity="$(cd "$work" && node -p "require('./$name.json')[0].integrity")"
  mkdir -p "$work/$name" && tar -xzf "$work/$tarball" -C "$work/$name"
  target="$name-$version"
  rm -rf "$target" && mkdir "$target"
  cp "$work/$name/package/LICENSE" "$target/LICENSE"
  for file in LICENSE $files; do
    base="$(basename "$file")"
    [ "$file" = LICENSE ] || cp "$work/$name/package/$file" "$target/$base"
    sha="$(sha256sum "$target/$base" | cut -d' ' -f1)"
    entries+=("    {\"path\": \"$target/$base\", \"package\": \"$name\", \"version\": \"$version\", \"license\": \"$license\", \"sha256\": \"$sha\", \"from\": \"npm:$name@$version/package/$file\", \"tarballIntegrity\": \"$integrity\"}")
  done
done

{
  echo '{'
  echo '  "files": ['
  last=$((${#entries[@]} - 1))
  for i in "${!entries[@]}"; do
    if [ "$i" -lt "$last" ]; then echo "${entries[$i]},"; else echo "${entries[$i]}"; fi
  done
  echo '  ]'
  echo '}'
} >MANIFEST.json
echo "vendored ${#PACKAGES[@]} packages, ${#entries[@]} files; wrote $(pwd)/MANIFEST.json"
