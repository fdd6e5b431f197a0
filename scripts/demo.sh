#!/usr/bin/env bash
# Starts a reference central with a demo site, the site's desk agent and a coach's laptop (a second
# agent with role coach) enrolled to it, prints where to reach them, and keeps them running until
# Ctrl-C. State lives in .demo/ (removed by `make clean`).
set -euo pipefail
BUILD_DIR=${1:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEMO="$ROOT/.demo"
AGENT="$ROOT/$BUILD_DIR/agent/onthaal-agent"
CENTRAL="$ROOT/$BUILD_DIR/central/onthaal-central"
# The kiosk and desk listen on a fixed port, so a bookmark or a kiosk browser keeps working from
# one run to the next: DEMO_PORT (default 8080); the coach's laptop on DEMO_COACH_PORT (8081).
DEMO_PORT=${DEMO_PORT:-8080}
DEMO_COACH_PORT=${DEMO_COACH_PORT:-$((DEMO_PORT + 1))}
mkdir -p "$DEMO"
for port in "$DEMO_PORT" "$DEMO_COACH_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "demo: port $port is in use (another demo?). Stop it, or choose others:" \
      "DEMO_PORT=9080 make demo" >&2
    exit 1
  fi
done

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

# Reads the "listening on http://..." line a server prints on stdout once it accepts connections.
wait_for_url() {
  local log=$1 url=""
  for _ in $(seq 1 100); do
    url=$(grep -m1 -o 'http://[^ ]*' "$log" 2>/dev/null || true)
    [ -n "$url" ] && { echo "$url"; return 0; }
    sleep 0.1
  done
  echo "demo: server did not start; see $log" >&2
  return 1
}

# The agent is the site's desk (its kiosk page included): central must know it as one, or it sends
# it a kiosk's view only (no sign-in data, no services). A demo of before, enrolled as a kiosk,
# starts afresh once.
if [ ! -f "$DEMO/desk.token" ]; then
  rm -f "$DEMO/central.db"* "$DEMO/agent.db"* "$DEMO/device.token" "$DEMO/history-day" \
    "$DEMO/coach.token" "$DEMO/coach-agent.db"*
  "$CENTRAL" site add --db "$DEMO/central.db" --id demo-ocmw-gent --name "OCMW Gent (demo)" --province O
  "$CENTRAL" device add --db "$DEMO/central.db" --site demo-ocmw-gent --name "Onthaal desk" --role desk \
    > "$DEMO/desk.token"
  chmod 600 "$DEMO/desk.token"
fi
# The coach's laptop (issue 14): Fatima El Amrani's caseload only (Claire, Tom with his GBVS, Lotte).
if [ ! -f "$DEMO/coach.token" ]; then
  rm -f "$DEMO/coach-agent.db"*
  "$CENTRAL" device add --db "$DEMO/central.db" --site demo-ocmw-gent --name "Laptop Fatima" --role coach \
    --staff st-fatima > "$DEMO/coach.token"
  chmod 600 "$DEMO/coach.token"
fi
# The services' histories are dated from the demo's first day, so a later run brings the same
# facts (central keeps them once); today's appointments are around now, so the kiosk can check
# people in (codes DEMA2AGTD .. DEMA9HGTZ: 9 characters with their check character).
[ -f "$DEMO/history-day" ] || date -u +%F > "$DEMO/history-day"
python3 "$ROOT/scripts/demo-data.py" "$(date -u +%FT%H:%M:%S+00:00)" "$(cat "$DEMO/history-day")" \
  > "$DEMO/import.json"
"$CENTRAL" import --db "$DEMO/central.db" --site demo-ocmw-gent "$DEMO/import.json"

"$CENTRAL" serve --db "$DEMO/central.db" --listen 127.0.0.1:0 > "$DEMO/central.out" 2> "$DEMO/central.log" &
pids+=($!)
CENTRAL_URL=$(wait_for_url "$DEMO/central.out")

cat > "$DEMO/agent.json" <<JSON
{
  "site_id": "demo-ocmw-gent",
  "role": "desk",
  "store_path": "$DEMO/agent.db",
  "listen": "127.0.0.1:$DEMO_PORT",
  "checkin_window_before_min": 180,
  "checkin_window_after_min": 720,
  "central_url": "$CENTRAL_URL",
  "device_token_file": "$DEMO/desk.token"
}
JSON
"$AGENT" run --config "$DEMO/agent.json" > "$DEMO/agent.out" 2> "$DEMO/agent.log" &
pids+=($!)
AGENT_URL=$(wait_for_url "$DEMO/agent.out")

cat > "$DEMO/coach-agent.json" <<JSON
{
  "site_id": "demo-ocmw-gent",
  "role": "coach",
  "store_path": "$DEMO/coach-agent.db",
  "listen": "127.0.0.1:$DEMO_COACH_PORT",
  "central_url": "$CENTRAL_URL",
  "device_token_file": "$DEMO/coach.token"
}
JSON
"$AGENT" run --config "$DEMO/coach-agent.json" > "$DEMO/coach-agent.out" 2> "$DEMO/coach-agent.log" &
pids+=($!)
COACH_URL=$(wait_for_url "$DEMO/coach-agent.out")

cat <<TEXT

Onthaal demo is running.
  Kiosk (agent):   $AGENT_URL/
  Desk:            $AGENT_URL/desk   (sign in as els / demo-password)
  Waiting room:    $AGENT_URL/display   (the numbers the desk calls)
  Coach's laptop:  $COACH_URL/coach   (sign in as fatima / demo-password; her caseload only)
  Agent status:    $AGENT_URL/api/v1/status
  Central:         $CENTRAL_URL/healthz
  Clients to try at the kiosk (the demo's kiosk accepts today's codes all day):
$(python3 "$ROOT/scripts/demo-table.py" "$DEMO/import.json")
  Sync status:     $AGENT --config $DEMO/agent.json status
  Logs:            $DEMO/agent.log, $DEMO/coach-agent.log, $DEMO/central.log
Press Ctrl-C to stop them all.
TEXT
wait -n "${pids[@]}"
