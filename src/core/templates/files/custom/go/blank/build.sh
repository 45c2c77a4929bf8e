#!/bin/sh
# Builds the `bootstrap` executable FunctionGraph runs: Linux, x86_64, statically linked.
set -e
cd "$(dirname "$0")"
CGO_ENABLED=0 GOOS=linux GOARCH=amd64 go build -o bootstrap .
chmod 755 bootstrap
echo "Built $(pwd)/bootstrap"
