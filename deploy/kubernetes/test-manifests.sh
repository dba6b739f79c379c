#!/usr/bin/env bash
# Parses the manifests with `kubectl create --dry-run=client` offline. kubectl still asks an API server which kinds
# exist (discovery), so a tiny local HTTP server answers that for Job (batch/v1) and PersistentVolumeClaim (v1); no
# object is sent anywhere. Prints the objects kubectl built as YAML; exit 0 when every manifest parsed, 77 when
# kubectl or python3 is missing (apt-get install kubernetes-client).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
command -v kubectl >/dev/null && command -v python3 >/dev/null || { echo "SKIP: kubectl (kubernetes-client) or python3 missing"; exit 77; }
work=$(mktemp -d)
cat > "$work/discovery.py" <<'PY'
import http.server, json, sys
ver = {"kind": "APIVersions", "versions": ["v1"], "serverAddressByClientCIDRs": []}
groups = {"kind": "APIGroupList", "apiVersion": "v1", "groups": [{"name": "batch", "versions": [{"groupVersion": "batch/v1", "version": "v1"}], "preferredVersion": {"groupVersion": "batch/v1", "version": "v1"}}]}
def res(gv, items): return {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": gv, "resources": items}
verbs = ["create", "get", "list", "delete"]
core = res("v1", [{"name": "persistentvolumeclaims", "singularName": "persistentvolumeclaim", "namespaced": True, "kind": "PersistentVolumeClaim", "verbs": verbs}])
batch = res("batch/v1", [{"name": "jobs", "singularName": "job", "namespaced": True, "kind": "Job", "verbs": verbs}])
paths = {"/api": ver, "/apis": groups, "/api/v1": core, "/apis/batch/v1": batch}
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = paths.get(self.path.split("?")[0])
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps(body or {"kind": "Status", "code": 404}).encode())
    def log_message(self, *a): pass
s = http.server.HTTPServer(("127.0.0.1", 0), H)
print(s.server_address[1], flush=True)
s.serve_forever()
PY
python3 "$work/discovery.py" > "$work/port" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")
status=0
for manifest in "$here"/*.yaml; do
  echo "# $(basename "$manifest")"
  kubectl --server="http://127.0.0.1:$port" --cache-dir="$work/cache" --kubeconfig=/dev/null \
    create --dry-run=client --validate=false -o yaml -f "$manifest" || { echo "FAIL: $manifest"; status=1; }
done
exit $status
