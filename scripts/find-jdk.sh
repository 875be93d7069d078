# Sourced by ./mutual, ./test.sh and .ci/run: sets JAVA_HOME to a JDK of version 21 or newer.
# Order: $JAVA_HOME if it is new enough, then the newest under /usr/lib/jvm, then `java` on PATH.

mutual_jdk_major() { # prints the major version of the JDK at $1, or nothing
  local home=$1 v
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  if [ -f "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  fi
  if [ -z "${v:-}" ]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
  fi
  echo "${v:-}"
}

mutual_find_jdk() {
  local best="" best_v=0 cand v
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(mutual_jdk_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then return 0; fi
  fi
  for cand in /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk*; do
    [ -d "$cand" ] || continue
    v=$(mutual_jdk_major "$cand")
    if [ -n "$v" ] && [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best=$cand; best_v=$v; fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    cand=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    v=$(mutual_jdk_major "$cand")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then best=$cand; fi
  fi
  if [ -z "$best" ]; then
    echo "mutual: no JDK of version 21 or newer found (looked at \$JAVA_HOME, /usr/lib/jvm/*, and java on PATH)." >&2
    echo "mutual: install one, e.g. 'sudo apt-get install openjdk-21-jdk' or Temurin from https://adoptium.net, or set JAVA_HOME." >&2
    return 1
  fi
  export JAVA_HOME=$best
}
