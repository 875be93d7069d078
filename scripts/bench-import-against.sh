#!/usr/bin/env bash
# Bundle import of this build against another build, in one run on the same machine, so that the
# noise of a shared machine falls on both alike: the same bundle is imported into empty data
# folders, alternately by the other build's jar and by this one, PAIRS times; each import's own
# rate (events/s, JVM start not counted) is printed with the ratio of the pair.
#
#   scripts/bench-import-against.sh OTHER_JAR [BUNDLE] [PAIRS]
#
# OTHER_JAR: app/target/mutual.jar of the build to compare with, for example of main as it was:
#   git worktree add /tmp/base <commit> && (cd /tmp/base && mvn -B -q -DskipTests -pl app -am package)
# BUNDLE: the file to import; without it, the relay benchmark's workload (100,000 events) is made
#   once with `mutual bench relay` and kept in $MUTUAL_BENCH_DIR (default /tmp/mutual-import-bench).
# PAIRS: default 3. The JVMs run as the launcher runs commands (heap, collector, malloc arenas).
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
. "$ROOT/scripts/find-jdk.sh"
mutual_find_jdk || exit 2
OTHER=${1:?usage: scripts/bench-import-against.sh OTHER_JAR [BUNDLE] [PAIRS]}
WORK=${MUTUAL_BENCH_DIR:-/tmp/mutual-import-bench}
BUNDLE=${2:-$WORK/workload.bundle}
PAIRS=${3:-3}
[ -f "$OTHER" ] || { echo "no jar at $OTHER" >&2; exit 2; }
mkdir -p "$WORK"
"$ROOT/mutual" --version >/dev/null # builds this tree's jar if its sources changed
THIS="$ROOT/app/target/mutual.jar"
if [ ! -f "$BUNDLE" ]; then
  echo "making the benchmark's bundle in $WORK (once)…" >&2
  rm -rf "$WORK/relay"
  "$ROOT/mutual" bench relay --events 100000 --large 0 --skip ingest1,fanout --work-dir "$WORK/relay" >&2
  mv "$WORK/relay/bundle/workload.bundle" "$BUNDLE"
  rm -rf "$WORK/relay"
fi
export MALLOC_ARENA_MAX=2

# Imports the bundle with the jar $1 into an empty folder; prints events/s and the process's CPU seconds.
import() {
  local data="$WORK/data" out
  rm -rf "$data"
  out=$( { /usr/bin/time -f '%U %S' "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx256m -XX:+UseParallelGC \
      -cp "$1" mutual.app.Main bundle import "$BUNDLE" --data "$data" --json --quiet; } 2>"$WORK/time" )
  rm -rf "$data"
  local rate cpu
  rate=$(sed -n 's/.*"events_per_second":\([0-9.]*\).*/\1/p' <<<"$out")
  cpu=$(tail -1 "$WORK/time" | awk '{print $1+$2}')
  [ -n "$rate" ] || { echo "import with $1 failed: $out" >&2; exit 1; }
  echo "$rate $cpu"
}

# This machine's raw all-core Schnorr verification rate, measured between the pairs: the yardstick
# the relay benchmark scales by (its VerifyRate), so the rates can be read against it.
cat >"$WORK/VerifyRate.java" <<'JAVA'
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import mutual.protocol.crypto.Schnorr;
import mutual.protocol.crypto.SecretKey;
import mutual.protocol.event.Event;
import mutual.protocol.event.EventBuilder;

class VerifyRate {
    public static void main(String[] args) {
        List<Event> events = new ArrayList<>();
        SecretKey key = SecretKey.generate();
        for (int i = 0; i < 256; i++) events.add(EventBuilder.create(1, 1_700_000_000L + i).content("verify rate " + i).sign(key));
        int threads = Runtime.getRuntime().availableProcessors();
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime(), end = start + 3_000_000_000L;
        IntStream.range(0, threads).parallel().forEach(t -> {
            long n = 0;
            for (int i = t; System.nanoTime() < end; i = (i + threads) % events.size(), n++) {
                Event e = events.get(i);
                if (!Schnorr.verify(e.id().raw(), e.sig(), e.pubkey())) throw new IllegalStateException("bad signature");
            }
            done.addAndGet(n);
        });
        System.out.printf("%.0f%n", done.get() / ((System.nanoTime() - start) / 1e9));
    }
}
JAVA
verify_rate() {
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$THIS" "$WORK/VerifyRate.java"
}

printf '%-5s %14s %14s %7s %18s %18s\n' pair "other ev/s" "this ev/s" ratio "other CPU µs/ev" "this CPU µs/ev"
events=$(gzip -dc "$BUNDLE" | tail -n +2 | wc -l)
v0=$(verify_rate)
sum=0
for i in $(seq 1 "$PAIRS"); do
  read -r a acpu < <(import "$OTHER")
  read -r b bcpu < <(import "$THIS")
  ratio=$(awk -v a="$a" -v b="$b" 'BEGIN{printf "%.2f", b/a}')
  sum=$(awk -v s="$sum" -v r="$ratio" 'BEGIN{print s+r}')
  printf '%-5s %14.0f %14.0f %7s %18.0f %18.0f\n' "$i" "$a" "$b" "$ratio" \
    "$(awk -v c="$acpu" -v n="$events" 'BEGIN{print c*1e6/n}')" "$(awk -v c="$bcpu" -v n="$events" 'BEGIN{print c*1e6/n}')"
done
echo "mean ratio: $(awk -v s="$sum" -v n="$PAIRS" 'BEGIN{printf "%.2f", s/n}') ($events events; CPU per event includes the JVM's start)"
echo "raw all-core Schnorr verify rate before and after the pairs: ${v0}/s, $(verify_rate)/s"
