#!/bin/sh
# Checks the service definition as far as a machine without a running systemd allows:
# 1. systemd-analyze verify accepts the unit;
# 2. the unit's ExecStart, run as the unit's user with the unit's environment, becomes healthy;
# 3. SIGTERM (the unit's KillSignal) stops it within memoflow.shutdown.timeout-seconds.
# Run as root after deploy/install.sh.
set -eu
unit=/etc/systemd/system/memoflow.service
systemd-analyze verify "$unit" && echo "1. systemd-analyze verify: ok"
port=${PORT:-18089}
start=$(date +%s%N)
runuser -u memoflow -- env MEMOFLOW_HOME=/var/lib/memoflow MEMOFLOW_HTTP_PORT=$port \
  sh -c 'cd /var/lib/memoflow && exec /usr/bin/java -Xmx320m -XX:+UseSerialGC -jar /opt/memoflow/memoflow.jar run' \
  >/tmp/memoflow-check.log 2>&1 &
pid=$!
i=0
until curl -fs "localhost:$port/observe/health" >/dev/null 2>&1; do
  i=$((i+1)); [ $i -gt 300 ] && { echo "not healthy after 30 s"; cat /tmp/memoflow-check.log; kill $pid; exit 1; }
  sleep 0.1
done
jpid=$(pgrep -u memoflow -f 'memoflow.jar run' | head -1)
[ -n "$jpid" ] || { echo "the daemon does not run as the memoflow user"; exit 1; }
echo "2. healthy after $(( ($(date +%s%N) - start) / 1000000 )) ms, java pid $jpid runs as $(ps -o user= -p "$jpid")"
curl -s "localhost:$port/observe/health"; echo
t0=$(date +%s%N)
kill -TERM "$jpid"
while kill -0 "$jpid" 2>/dev/null; do sleep 0.05; done
echo "3. stopped $(( ($(date +%s%N) - t0) / 1000000 )) ms after SIGTERM"
