#!/usr/bin/env bash
# Replays the probe of issue 12 against a running maildrift (loopback only) and prints how each attack
# is answered. Usage: [LOG=service.log] bench/probe-replay.sh URL ADMIN_PASSWORD [DATA_DIR]
#   e.g. bench/probe-replay.sh http://127.0.0.1:8080 "$(grep -o 'password [^ ]*' run.log | cut -d' ' -f2)" ./data
# It creates the users probe-viewer and probe-admin, a token for host mlserver and silences; run it
# against a throwaway database (the demo estate). Requests go to loopback only; counts are bounded.
set -u
url=${1:?URL}; admin=${2:?admin password}; data=${3:-}
case "$url" in http://127.*|http://localhost*|http://\[::1\]*) ;; *) echo "loopback URLs only" >&2; exit 2;; esac
vpass='probe-viewer-phrase-31'
row() { printf '%-62s %s\n' "$1" "$2"; }
code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }

for u in probe-viewer probe-target; do
  curl -s -o /dev/null -u "admin:$admin" -X PUT "$url/api/users/$u" -H 'Content-Type: application/json' \
    -d "{\"password\":\"$vpass\",\"role\":\"viewer\"}"
done
# a form login as a browser does it: the login page's CSRF token, then the POST
form() {
  local jar; jar=$(mktemp)
  local tok; tok=$(curl -s -c "$jar" -b "$jar" --interface "$1" "$url/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
  curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --interface "$1" --data-urlencode "username=$2" \
    --data-urlencode "password=$3" --data-urlencode "_csrf=$tok" "$url/login"
  rm -f "$jar"
}

echo "== 1. zone includes (as a viewer)"
for d in '\"$INCLUDE\" /proc/self/environ' '( $INCLUDE /etc/passwd )' '\"$INCLUDE\" \"/proc/self/environ\"'; do
  body="{\"changes\":[{\"proposed-zone\":{\"origin\":\"example.com\",\"text\":\"$d\"}}]}"
  out=$(curl -s -w '\n%{http_code}' -u "probe-viewer:$vpass" -H 'Content-Type: application/json' -d "$body" "$url/api/prechecks")
  leak=no; printf '%s' "$out" | grep -qE 'PATH=|HOME=|root:x:0' && leak=YES
  row "precheck zone text: $d" "$(printf '%s' "$out" | tail -1), file content in answer: $leak"
done
start=$(date +%s%N)
c=$(code --max-time 60 -u "probe-viewer:$vpass" -H 'Content-Type: application/json' \
  -d '{"changes":[{"proposed-zone":{"origin":"example.com","text":"\"$INCLUDE\" /dev/zero"}}]}' "$url/api/prechecks")
row 'precheck zone text: "$INCLUDE" /dev/zero' "$c in $(( ($(date +%s%N) - start) / 1000000 )) ms"

echo "== 2. password guessing"
codes=""
for i in $(seq 1 12); do codes="$codes $(code --interface 127.0.0.2 -u "probe-target:wrong-$i-guess" "$url/api/rules")"; done
row "12 wrong Basic passwords from 127.0.0.2" "$codes"
row "then the right password from 127.0.0.2" "$(code --interface 127.0.0.2 -u "probe-target:$vpass" "$url/api/rules")"
row "the right password from 127.0.0.5" "$(code --interface 127.0.0.5 -u "probe-target:$vpass" "$url/api/rules")"
row "Retry-After on the 429" "$(curl -s -o /dev/null -D - --interface 127.0.0.2 -u "probe-target:$vpass" "$url/api/rules" | tr -d '\r' | sed -n 's/^Retry-After: //Ip')"
codes=""
for i in $(seq 1 12); do codes="$codes $(form 127.0.0.3 probe-viewer "wrong-$i-guess")"; done
row "12 wrong form logins from 127.0.0.3 (302 = back to the form)" "$codes"
row "then the right password through the form from 127.0.0.3" "$(form 127.0.0.3 probe-viewer "$vpass")"
row "failed logins in the log" "$(grep -c 'failed login for user' "${LOG:-/dev/null}" 2>/dev/null || echo -)"
for p in '            ' '\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000' 'password1234' 'qwertyuiop12' 'Password2024!'; do
  row "set password '$p'" "$(code -u "admin:$admin" -X PUT "$url/api/users/probe-weak" -H 'Content-Type: application/json' -d "{\"password\":\"$p\",\"role\":\"viewer\"}")"
done

echo "== 3. sessions and load"
sessions=0
for i in $(seq 1 2000); do
  curl -s -o /dev/null -D - -H 'Accept: text/html' "$url/api/findings" | grep -qi '^set-cookie: JSESSIONID' && sessions=$((sessions+1))
done
row "2,000 anonymous GET /api/findings (Accept: text/html): sessions made" "$sessions"
bomb=$(mktemp)
aliases() { # $1 KiB of scalar, $2 aliases of it, one change each
  printf -- '- accept-name: {host: mlserver, name: &big '; head -c $(( $1 * 1024 )) /dev/zero | tr '\0' a; printf '}\n'
  for i in $(seq 1 "$2"); do printf -- '- accept-name: {host: mlserver, name: *big}\n'; done
}
for size in "2048 29000" "256 15000"; do
  aliases $size > "$bomb"
  start=$(date +%s%N)
  c=$(code --max-time 120 -u "probe-viewer:$vpass" -H 'Content-Type: application/yaml' --data-binary @"$bomb" "$url/api/prechecks")
  row "precheck: ${size#* } aliases of a ${size% *} KiB scalar ($(wc -c < "$bomb") bytes)" "$c in $(( ($(date +%s%N) - start) / 1000000 )) ms"
done
head -c 1048577 /dev/zero | tr '\0' ' ' > "$bomb"
row "precheck: a body of 1 MiB + 1" "$(code -u "probe-viewer:$vpass" -H 'Content-Type: application/yaml' --data-binary @"$bomb" "$url/api/prechecks")"
rm -f "$bomb"
for p in /api/findings /api/runs /findings /runs; do
  row "GET $p?page=2147483647" "$(code -u "probe-viewer:$vpass" "$url$p?page=2147483647")"
done

echo "== 4. authorization details"
jar=$(mktemp)
tok=$(curl -s -c "$jar" -b "$jar" --interface 127.0.0.4 "$url/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -s -c "$jar" -b "$jar" -o /dev/null --interface 127.0.0.4 --data-urlencode "username=admin" \
  --data-urlencode "password=$admin" --data-urlencode "_csrf=$tok" "$url/login"
row "admin session + 'Authorization: Foo', POST /api/silences, no CSRF" "$(code -b "$jar" -H 'Authorization: Foo' -H 'Content-Type: application/json' \
  -d '{"rule":"config-invalid","reason":"probe","endsAt":"2099-01-01T00:00:00Z"}' "$url/api/silences")"
rm -f "$jar"
token=$(curl -s -u "admin:$admin" -X POST "$url/api/hosts/mlserver/tokens" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
row "agent token of mlserver: GET /api/findings" "$(curl -s -o /dev/null -D - -H "Authorization: Bearer $token" "$url/api/findings" | tr -d '\r' | awk 'NR==1{s=$2} /^WWW-Authenticate/{w=$2} END{print s (w ? " WWW-Authenticate " w : "")}')"
row "push without Content-Type" "$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H "Authorization: Bearer $token" -H 'Content-Type:' --data-binary 'myhostname = x.example.com' "$url/api/hosts/mlserver/config/postconf-n")"
row "GET /api/hosts/mlserver/tokens" "$(code -u "admin:$admin" "$url/api/hosts/mlserver/tokens")"
row "DELETE /api/users/probe-viewer" "$(code -u "admin:$admin" -X DELETE "$url/api/users/probe-viewer")"
row "PUT /api/users/probe-target {enabled: false}, then its login" "$(code -u "admin:$admin" -X PUT -H 'Content-Type: application/json' -d "{\"password\":\"$vpass\",\"role\":\"viewer\",\"enabled\":false}" "$url/api/users/probe-target") $(code --interface 127.0.0.6 -u "probe-target:$vpass" "$url/api/rules")"
# last: on a service that lets it, this locks every admin out
row "PUT /api/users/admin {role: viewer} (the only admin)" "$(code -u "admin:$admin" -X PUT -H 'Content-Type: application/json' -d "{\"password\":\"$admin-x\",\"role\":\"viewer\"}" "$url/api/users/admin") then admin: $(code -u "admin:$admin-x" -X POST "$url/api/runs")"
if [ -n "$data" ] && [ -d "$data" ]; then
  row "mode of $data and its database" "$(stat -c '%a' "$data") $(stat -c '%a' "$data"/*.mv.db 2>/dev/null | head -1)"
fi
