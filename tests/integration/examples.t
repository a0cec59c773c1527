# SPDX-License-Identifier: Apache-2.0
# Every profile in examples/ runs the programs it is written for and denies
# what its comment says it denies.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

EX=$REPO/examples

# Each example file must have a row here.
for f in "$EX"/*.json; do
	case $(basename "$f") in
	web-server.json | batch-job.json | no-network.json | seed-003-corrected.json | \
		seed-004-corrected.json | k8s-violation-corrected.json) ;;
	*) fail "examples/$(basename "$f") has a test" ;;
	esac
done

expect "web-server: a shell pipeline runs" 0 "done" \
	"$SR" --strict -p "$EX/web-server.json" -- sh -c 'ls / >/dev/null | cat; echo done'
expect "web-server: sockets yes, namespaces no, clone3 and newer calls ENOSYS" 0 \
	"$(lines socket:2,1,0=OK unshare:0x10000000=EPERM clone3=ENOSYS nr:1000=ENOSYS)" \
	"$SR" -p "$EX/web-server.json" -- "$PROBE" socket:2,1,0 unshare:0x10000000 clone3 nr:1000

# A real server on loopback, one request, bounded in time.
if command -v python3 >/dev/null; then
	port=$((20000 + $$ % 20000))
	"$SR" -p "$EX/web-server.json" -- timeout 20 python3 -m http.server \
		--bind 127.0.0.1 "$port" >server.log 2>&1 &
	server=$!
	got=$(timeout 20 python3 - "$port" <<'PY'
import sys, time, urllib.request
for _ in range(100):
    try:
        print(urllib.request.urlopen("http://127.0.0.1:%s/" % sys.argv[1], timeout=5).status)
        break
    except OSError:
        time.sleep(0.1)
PY
	)
	kill "$server" 2>/dev/null
	wait "$server" 2>/dev/null
	if [ "$got" = 200 ]; then ok "web-server: python3 http.server answers on loopback"
	else fail "web-server: python3 http.server answers on loopback" "got '$got'" \
		"$(sed 's/^/log| /' server.log)"; fi
else
	skip "web-server: python3 http.server answers on loopback" "no python3"
fi

expect "batch-job: ls and a shell builtin run" 0 "$(lines hi done)" \
	"$SR" --strict -p "$EX/batch-job.json" -- sh -c 'echo hi; echo done'
expect "batch-job: no network" 0 "$(lines socket:2,1,0=EPERM getppid=OK)" \
	"$SR" -p "$EX/batch-job.json" -- "$PROBE" socket:2,1,0 getppid
expect_status 2 "batch-job: no new processes (the shell cannot fork)" \
	"$SR" -p "$EX/batch-job.json" -- sh -c 'ls / >/dev/null'
stderr_has "Cannot fork" "batch-job: the shell says it cannot fork"

expect "no-network: AF_UNIX only, upper bits do not slip through, io_uring ENOSYS" 0 \
	"$(lines socket:2,1,0=EACCES socket:1,1,0=OK socket:0x100000001,1,0=EACCES io_uring_setup=ENOSYS)" \
	"$SR" -p "$EX/no-network.json" -- "$PROBE" socket:2,1,0 socket:1,1,0 \
	socket:0x100000001,1,0 io_uring_setup
expect "no-network: ordinary programs run" 0 "done" \
	"$SR" --strict -p "$EX/no-network.json" -- sh -c 'ls / | wc -l >/dev/null; echo done'

expect "seed-003 corrected: read-only opens, fcntl cmd <= 4 or 1030" 0 \
	"$(lines openat:-100,@/etc/hostname,0=OK "openat:-100,@$T/x,0x41=EPERM" fcntl:0,6=EPERM \
		fcntl:0,1030=OK fcntl:0,1=OK)" \
	"$SR" -p "$EX/seed-003-corrected.json" -- "$PROBE" openat:-100,@/etc/hostname,0 \
	"openat:-100,@$T/x,0x41" fcntl:0,6 fcntl:0,1030 fcntl:0,1
absent "$T/x" "seed-003 corrected: the file opened for writing was not created"
expect "seed-003 corrected: cat reads a file" 0 "$(cat /etc/hostname)" \
	"$SR" --strict -p "$EX/seed-003-corrected.json" -- cat /etc/hostname

expect "seed-004 corrected: the program starts, mount is refused" 0 \
	"$(lines mount=EPERM getppid=OK)" \
	"$SR" -p "$EX/seed-004-corrected.json" -- "$PROBE" mount getppid
expect "seed-004 corrected: cat runs" 0 "$(cat /etc/hostname)" \
	"$SR" --strict -p "$EX/seed-004-corrected.json" -- cat /etc/hostname

expect "k8s violation corrected: the program starts and its mkdir is what fails" 0 "rc=1" \
	"$SR" --strict -p "$EX/k8s-violation-corrected.json" -- \
	sh -c "mkdir '$T/made' 2>/dev/null; echo rc=\$?"
absent "$T/made" "k8s violation corrected: mkdir did not happen"

finish
