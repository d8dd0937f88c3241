#!/bin/sh
# Installs memoflow as a systemd service (run as root from the repository, after 'mvn -B package'):
#   /opt/memoflow/         the program (memoflow.jar, lib/, README.md)
#   /var/lib/memoflow/     the home folder, owned by the 'memoflow' user
#   /etc/memoflow/         memoflow.env (secrets), from deploy/memoflow.env.example on first install
#   /etc/systemd/system/memoflow.service
# Upgrading: run it again; the home folder and /etc/memoflow are kept. Then: systemctl restart memoflow
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
[ -f "$root/target/memoflow.jar" ] || { echo "build first: mvn -B -DskipTests package" >&2; exit 1; }
id memoflow >/dev/null 2>&1 || useradd --system --home-dir /var/lib/memoflow --shell /usr/sbin/nologin memoflow
install -d -o root -g root -m 0755 /opt/memoflow /opt/memoflow/lib
rm -f /opt/memoflow/lib/*.jar
install -o root -g root -m 0644 "$root/target/memoflow.jar" /opt/memoflow/memoflow.jar
install -o root -g root -m 0644 "$root"/target/lib/*.jar /opt/memoflow/lib/
install -o root -g root -m 0644 "$root/README.md" /opt/memoflow/README.md
install -d -o memoflow -g memoflow -m 0750 /var/lib/memoflow
install -d -o root -g memoflow -m 0750 /etc/memoflow
[ -f /etc/memoflow/memoflow.env ] || install -o root -g memoflow -m 0640 "$root/deploy/memoflow.env.example" /etc/memoflow/memoflow.env
install -o root -g root -m 0644 "$root/deploy/memoflow.service" /etc/systemd/system/memoflow.service
if [ -d /run/systemd/system ]; then
  systemctl daemon-reload
  echo "installed; start with: systemctl enable --now memoflow"
else
  echo "installed; this machine does not run systemd: start with deploy/check-service.sh or by hand"
fi
