#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring, so tests use a
# real Secret Service (the OS keychain on Linux) without touching the user's own keyring.
# Where dbus-run-session or gnome-keyring-daemon is missing, the command runs without one and
# the keychain tests skip, saying why (CONVENE_KEYRING tells them).
set -euo pipefail

if [ "${CONVENE_KEYRING:-}" = "ready" ]; then exec "$@"; fi

if [ -z "${CONVENE_KEYRING_INNER:-}" ]; then
  if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
    echo "with-keyring: dbus-run-session or gnome-keyring-daemon is not installed; keychain tests will skip." >&2
    CONVENE_KEYRING="missing" exec "$@"
  fi
  exec env CONVENE_KEYRING_INNER=1 dbus-run-session -- bash "$0" "$@"
fi

# Inside the new session: a throwaway keyring directory, unlocked with a throwaway password.
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
export XDG_DATA_HOME="$keyring_home"
# The daemon's control socket lives under XDG_RUNTIME_DIR; a private one keeps concurrent runs
# (several test processes on one machine) from finding and sharing each other's daemons.
export XDG_RUNTIME_DIR="$keyring_home/run"
mkdir -m 700 "$XDG_RUNTIME_DIR"
printf 'convene-test-keyring' | gnome-keyring-daemon --unlock --components=secrets >/dev/null
gnome-keyring-daemon --start --components=secrets >/dev/null
export CONVENE_KEYRING="ready"
"$@"
