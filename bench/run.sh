#!/usr/bin/env bash
# Runs leadflow's performance benchmarks (see bench/README.md). From the repository root:
#   bench/run.sh                      every benchmark, one after the other
#   bench/run.sh speed                SpeedToLeadBenchmark (10,000 imported leads, then 20 leads/s; leadflow started with mvn spring-boot:run)
#   bench/run.sh import               ImportBenchmark (10,000-row CSV; leadflow started with mvn spring-boot:run)
#   bench/run.sh records              EngineRecordsBenchmark (what one lead costs, and where)
#   bench/run.sh mail                 MailBenchmark (a backlog of mails drained through the outbox)
#   bench/run.sh bare                 BareEngineBenchmark (the engine alone, in leadflow started with mvn spring-boot:run)
#   bench/run.sh sequence             SequenceScheduleBenchmark only
#   bench/run.sh live                 LiveSequencesBenchmark (100,000 live sequences, restart)
#   bench/run.sh reports              ReportsBenchmark (the managers' reports over 100,000 leads)
#   bench/run.sh mail                 MailBenchmark (the outbox draining 1,000 mails)
#   bench/run.sh tracking             TrackingBenchmark (opens and clicks at 200 requests/s; leadflow started with mvn spring-boot:run)
#   bench/run.sh mailboxes            MailboxReadBenchmark (10 rep inboxes of 10,000 messages: first sync, steady state)
#   bench/run.sh search               LeadSearchBenchmark (GET /api/leads over 100,000 leads: text, filters, cursor pages)
# Settings go through BENCH_OPTS, e.g. BENCH_OPTS="-Dbench.rate=10 -Dbench.seconds=30" bench/run.sh speed
set -euo pipefail

cd "$(dirname "$0")/.."

if ! pg_isready -q -h 127.0.0.1; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 && break
    sleep 1
  done
fi

JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx4g -XX:+UseG1GC --enable-native-access=ALL-UNNAMED}"
OPTS="${BENCH_OPTS:-}"

case "${1:-all}" in
  speed) mains=(SpeedToLeadBenchmark) ;;
  sequence) mains=(SequenceScheduleBenchmark) ;;
  live) mains=(LiveSequencesBenchmark) ;;
  import) mains=(ImportBenchmark) ;;
  reports) mains=(ReportsBenchmark) ;;
  records) mains=(EngineRecordsBenchmark) ;;
  mail) mains=(MailBenchmark) ;;
  mailboxes) mains=(MailboxReadBenchmark) ;;
  bare) mains=(BareEngineBenchmark) ;;
  tracking) mains=(TrackingBenchmark) ;;
  search) mains=(LeadSearchBenchmark) ;;
  all) mains=(SpeedToLeadBenchmark ImportBenchmark EngineRecordsBenchmark BareEngineBenchmark SequenceScheduleBenchmark LiveSequencesBenchmark ReportsBenchmark MailBenchmark TrackingBenchmark MailboxReadBenchmark LeadSearchBenchmark) ;;
  *) echo "usage: bench/run.sh [speed|import|records|bare|sequence|live|reports|mail|tracking|mailboxes|search|all]" >&2; exit 2 ;;
esac

# Maven itself may run on an older JDK: exec:exec starts "java" from the JDK >= 21 that the pom's
# maven-toolchains-plugin selects. That selection happens in the lifecycle (validate), so exec:exec
# must run in the same invocation as test-compile; exec:exec on its own would start Maven's JDK.
# The class path is the test one: the bench sources are added as test sources only by -Pbench.
for main in "${mains[@]}"; do
  echo "== ${main}"
  mvn -q -Pbench test-compile exec:exec -Dexec.executable=java \
    -Dexec.args="${JAVA_OPTS} ${OPTS} -cp %classpath io.leadflow.bench.${main}"
done
