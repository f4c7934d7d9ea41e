#!/usr/bin/env bash
# Starts a real Synapse 1.67 in Docker for `npm run test:synapse`, configured like ../shared/synapse/start
# (federation off, Synapse's default rate limits except login), and prints the three variables the
# suite reads. Usage:  eval "$(scripts/synapse/docker.sh)"  ...  docker rm -f roster-synapse
set -euo pipefail
image=${ROSTER_SYNAPSE_IMAGE:-matrixdotorg/synapse:v1.67.0}
port=${ROSTER_SYNAPSE_PORT:-8008}
name=roster-synapse
data=$(mktemp -d "${TMPDIR:-/tmp}/roster-synapse.XXXXXX")
url="http://127.0.0.1:$port"

docker run --rm -v "$data:/data" -e SYNAPSE_SERVER_NAME=acme.test -e SYNAPSE_REPORT_STATS=no "$image" generate >&2
docker run --rm -i -v "$data:/data" --entrypoint sh "$image" -c 'cat >> /data/homeserver.yaml' <<'YAML'
federation_domain_whitelist: []
rc_login:
  address: {per_second: 1000, burst_count: 1000}
  account: {per_second: 1000, burst_count: 1000}
  failed_attempts: {per_second: 1000, burst_count: 1000}
YAML
secret=$(docker run --rm -v "$data:/data" --entrypoint sh "$image" -c \
  "sed -n 's/^registration_shared_secret: *\"\\{0,1\\}\\([^\"]*\\)\"\\{0,1\\}$/\\1/p' /data/homeserver.yaml")
docker run -d --name "$name" -p "127.0.0.1:$port:8008" -v "$data:/data" "$image" >&2

for _ in $(seq 60); do
  curl -fsS "$url/_matrix/client/versions" >/dev/null 2>&1 && break
  sleep 1
done

nonce=$(curl -fsS "$url/_synapse/admin/v1/register" | sed 's/.*"nonce":"\([^"]*\)".*/\1/')
password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
mac=$(printf '%s\0%s\0%s\0admin' "$nonce" admin "$password" | openssl dgst -sha1 -hmac "$secret" | sed 's/^.* //')
token=$(curl -fsS -X POST -H 'content-type: application/json' \
  -d "{\"nonce\":\"$nonce\",\"username\":\"admin\",\"password\":\"$password\",\"admin\":true,\"mac\":\"$mac\"}" \
  "$url/_synapse/admin/v1/register" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')

echo "export ROSTER_SYNAPSE_URL=$url"
echo "export ROSTER_SYNAPSE_ADMIN_TOKEN=$token"
echo "export ROSTER_SYNAPSE_SHARED_SECRET=$secret"
