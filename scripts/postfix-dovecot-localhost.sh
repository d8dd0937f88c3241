#!/usr/bin/env bash
# A real mail server on this machine for trying memoflow's mail side: installs Debian's Postfix
# (SMTP, local delivery only) and Dovecot (IMAP), makes a mailbox for memoflow and one that
# receives every other address, points a memoflow home folder at them, and, with --demo, runs
# memoflow and walks one memorandum through submission, review and signature by mail.
#
#   sudo scripts/postfix-dovecot-localhost.sh [--demo] [HOME_DIR]      (default HOME_DIR: /tmp/memoflow-mail-demo)
#
# For a throwaway machine or container (Debian 12 / Ubuntu 22.04+): it changes the system's
# Postfix and Dovecot configuration and adds the users 'mfintake' and 'mfpeople' (it refuses to
# take over accounts it did not create). Nothing leaves the machine: Postfix listens on 127.0.0.1
# only and delivers every address locally.
#   memoflow@memoflow.test  -> mailbox 'mfintake' (what memoflow reads; IMAP login 'mfintake')
#   any other address       -> mailbox 'mfpeople' (what memoflow sends; IMAP login 'mfpeople')
# Both passwords are in HOME_DIR/mailbox.password.
set -euo pipefail

demo=0
if [ "${1:-}" = "--demo" ]; then demo=1; shift; fi
home_dir=${1:-/tmp/memoflow-mail-demo}
domain=memoflow.test
root=$(cd "$(dirname "$0")/.." && pwd)

say() { printf '\n== %s\n' "$*"; }
[ "$(id -u)" = 0 ] || { echo "Run this as root (sudo): it installs and configures Postfix and Dovecot." >&2; exit 1; }
command -v apt-get >/dev/null || { echo "This script needs a Debian or Ubuntu system (apt-get)." >&2; exit 1; }

say "Installing Postfix and Dovecot"
echo "postfix postfix/main_mailer_type select Local only" | debconf-set-selections
echo "postfix postfix/mailname string $domain" | debconf-set-selections
DEBIAN_FRONTEND=noninteractive apt-get install -y -q postfix dovecot-imapd >/dev/null

say "Configuring Postfix: 127.0.0.1 only, Maildir, every address delivered to a local mailbox"
postconf -e "myhostname = mail.$domain" "mydomain = $domain" "myorigin = $domain" \
  "inet_interfaces = loopback-only" "inet_protocols = ipv4" "mydestination = $domain, localhost" \
  "mynetworks = 127.0.0.0/8" "relayhost =" "home_mailbox = Maildir/" "smtputf8_enable = yes" \
  "message_size_limit = 52428800" "virtual_alias_maps = regexp:/etc/postfix/memoflow-virtual"
cat > /etc/postfix/memoflow-virtual <<EOF
/^memoflow@${domain//./\\.}\$/ mfintake@$domain
/^mfintake@${domain//./\\.}\$/ mfintake@$domain
/^.+\$/ mfpeople@$domain
EOF

say "Configuring Dovecot: IMAP on 127.0.0.1 (port 143, STARTTLS with a self-signed certificate for localhost)"
cert=/etc/dovecot/private/memoflow-localhost.pem
key=/etc/dovecot/private/memoflow-localhost.key
if [ ! -s "$cert" ]; then
  command -v openssl >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q openssl >/dev/null
  install -d -m 700 /etc/dovecot/private
  openssl req -new -x509 -nodes -days 825 -newkey rsa:2048 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$key" -out "$cert" 2>/dev/null
  chmod 600 "$key"
fi
# Debian's 10-ssl.conf names a certificate the package makes only when ssl-cert could run; Dovecot
# opens it even though ours replaces it below, so it must exist
[ -e /etc/dovecot/private/dovecot.pem ] || ln -s "$cert" /etc/dovecot/private/dovecot.pem
[ -e /etc/dovecot/private/dovecot.key ] || ln -s "$key" /etc/dovecot/private/dovecot.key
cat > /etc/dovecot/conf.d/99-memoflow.conf <<EOF
listen = 127.0.0.1
protocols = imap
mail_location = maildir:~/Maildir
auth_mechanisms = plain login
ssl = yes
ssl_cert = <$cert
ssl_key = <$key
EOF

say "Creating the mailboxes 'mfintake' (memoflow's) and 'mfpeople' (everyone else's)"
mkdir -p "$home_dir"
password_file="$home_dir/mailbox.password"
[ -s "$password_file" ] || (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$password_file")
password=$(cat "$password_file")
for u in mfintake mfpeople; do
  if id "$u" >/dev/null 2>&1; then
    [ "$(getent passwd "$u" | cut -d: -f5)" = "memoflow mail demo" ] || { echo "A user '$u' exists that this script did not create; not touching it." >&2; exit 1; }
  else
    useradd -m -c "memoflow mail demo" -s /usr/sbin/nologin "$u"
  fi
  echo "$u:$password" | chpasswd
  h=$(getent passwd "$u" | cut -d: -f6)
  install -d -o "$u" -g "$u" -m 700 "$h/Maildir" "$h/Maildir/new" "$h/Maildir/cur" "$h/Maildir/tmp"
done
people_maildir="$(getent passwd mfpeople | cut -d: -f6)/Maildir"

say "Starting Postfix and Dovecot"
service postfix restart >/dev/null 2>&1 || postfix start >/dev/null 2>&1 || true
service dovecot restart >/dev/null 2>&1 || dovecot >/dev/null 2>&1 || true
sleep 1
postfix status >/dev/null 2>&1 || { echo "Postfix did not start; run: postfix check; postfix start" >&2; exit 1; }
doveadm who >/dev/null 2>&1 || { echo "Dovecot did not start; run: doveconf -n; dovecot -F   to see why" >&2; exit 1; }

say "Writing $home_dir/memoflow.properties"
cat > "$home_dir/memoflow.properties" <<EOF
# memoflow against the local Postfix (SMTP, port 25) and Dovecot (IMAP, port 143 with STARTTLS)
memoflow.imap.host=localhost
memoflow.imap.port=143
memoflow.imap.tls=starttls
# the certificate is self-signed for localhost: trust it without a certificate authority (local tests only)
memoflow.imap.trust=localhost
memoflow.imap.user=mfintake
memoflow.imap.password-file=mailbox.password
memoflow.imap.poll-seconds=2
memoflow.smtp.host=127.0.0.1
memoflow.smtp.port=25
memoflow.smtp.tls=none
memoflow.smtp.from=memoflow@$domain
memoflow.submitters=@$domain
memoflow.reviewers.default=legal@$domain
memoflow.parties.default=Ministry of the Interior | Signatory A | Director General | a@$domain; Partner Police | Signatory B | Director of Police | b@$domain
memoflow.http.port=0
EOF

cat <<EOF

Ready. Postfix: 127.0.0.1:25, Dovecot: 127.0.0.1:143 (STARTTLS) (logins mfintake / mfpeople, password in $password_file).
Run memoflow against it:   $root/memoflow run --home $home_dir
Send it a draft:           printf 'Subject: My memorandum\n\nThe parties agree.\n' | sendmail -f secretariat@$domain memoflow@$domain
Read what it sent:         ls $people_maildir/new   (or any IMAP client, login 'mfpeople')
EOF
[ "$demo" = 1 ] || exit 0

# ---------------------------------------------------------------------------------------------
say "Demo: starting memoflow (log: $home_dir/memoflow.log)"
header() { # header FILE NAME: the unfolded value of a header
  awk -v name="$2" 'BEGIN{IGNORECASE=1} /^$/{exit} /^[ \t]/{if(on){v=v" "substr($0,2)}; next} {on=0} tolower($0) ~ "^" tolower(name) ":" {on=1; v=substr($0, length(name)+3)} END{print v}' "$1" | sed 's/^ *//'
}
latest() { # latest TO WORDS...: newest mail in 'mfpeople' to TO whose subject has all WORDS
  local to=$1; shift
  for f in $(ls -t "$people_maildir"/new/* "$people_maildir"/cur/* 2>/dev/null); do
    [ "$(header "$f" To)" = "$to" ] || continue
    local s; s=$(header "$f" Subject); local ok=1
    for w in "$@"; do case "$s" in *"$w"*) ;; *) ok=0 ;; esac; done
    [ $ok = 1 ] && { echo "$f"; return 0; }
  done
  return 1
}
wait_for() { # wait_for SECONDS TO WORDS...
  local t=$1; shift
  for _ in $(seq 1 "$t"); do latest "$@" && return 0; sleep 1; done
  echo "Nothing arrived for $1 with: ${*:2}; see $home_dir/memoflow.log" >&2; return 1
}
reply() { # reply FILE FROM TEXT: answers a request mail as a mail program would
  local subject id; subject=$(header "$1" Subject); id=$(header "$1" Message-ID)
  printf 'From: %s\nTo: memoflow@%s\nSubject: Re: %s\nIn-Reply-To: %s\nReferences: %s\nContent-Type: text/plain; charset=UTF-8\n\n%s\n\nOn a day, memoflow wrote:\n> %s\n' \
    "$2" "$domain" "$subject" "$id" "$id" "$3" "(quoted request)" | /usr/sbin/sendmail -f "$2" "memoflow@$domain"
}
(cd "$root" && exec ./memoflow run --home "$home_dir" >"$home_dir/memoflow.log" 2>&1) &
echo $! > "$home_dir/memoflow.pid"
for _ in $(seq 1 180); do grep -q "Reading mail from" "$home_dir/memoflow.log" 2>/dev/null && break; sleep 1; done
grep -q "Reading mail from" "$home_dir/memoflow.log" || { echo "memoflow did not start; see $home_dir/memoflow.log" >&2; exit 1; }
title="Memorandum on local mail $(date +%H%M%S)"
say "Submitting '$title' by mail (windows-1256 text, as an Arabic mail program may send it)"
{ printf 'From: secretariat@%s\nTo: memoflow@%s\nSubject: %s\nMIME-Version: 1.0\nContent-Type: text/plain; charset=windows-1256\nContent-Transfer-Encoding: 8bit\n\n' "$domain" "$domain" "$title"
  printf 'يتفق الطرفان على تبادل المعلومات.\nThe parties agree to exchange information.\n' | iconv -f UTF-8 -t WINDOWS-1256; } \
  | /usr/sbin/sendmail -f "secretariat@$domain" "memoflow@$domain"
ack=$(wait_for 60 "secretariat@$domain" "Received" "$title")
ref=$(header "$ack" Subject | grep -o '[A-Z]*-[0-9]\{4\}-[0-9]\{4,\}' | head -1)
echo "acknowledged as $ref"
for who in legal a b; do
  req=$(wait_for 60 "$who@$domain" "$ref" "Decision requested")
  echo "request to $who@$domain: $(header "$req" Subject)"
  reply "$req" "$who@$domain" "APPROVE (from the demo script)"
done
signed=$(wait_for 60 "a@$domain" "$ref" "Signed")
echo "signed copy to a@$domain: $(header "$signed" Subject)"
if grep -qi '^Content-Disposition: attachment' "$signed"; then echo "it carries the signed PDF as an attachment"; fi
"$root/memoflow" status --home "$home_dir" "$ref" | head -20
say "Demo done. memoflow still runs as process $(cat "$home_dir/memoflow.pid"); stop it with: kill $(cat "$home_dir/memoflow.pid")"
