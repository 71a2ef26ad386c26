// The python3-uno side of the LibreOffice listener (src/readers/libreoffice.ts), run as
// `python3 -c BRIDGE_PY SOFFICE BASE_DIR PIPE_NAME START_TIMEOUT_S MAX_MEMORY_MB`. Kept as a
// string so that the esbuild bundle in dist/ carries it without a file next to it.
//
// It starts soffice (its own session, profile and TMPDIR under BASE_DIR, address space capped),
// connects over a private named pipe and prints one JSON line per event on stdout:
//   {"event":"ready","pid":N,"sockets":[…]}  or  {"event":"error","code":C,"reason":R}
//   {"id":N,"ok":true}  or  {"id":N,"ok":false,"reason":R,"crashed":B}   per request, or
//   {"id":N,"ok":false,"unstarted":true} when soffice had died before the request came
// Requests come one JSON line each on stdin ({"id","input","output","filter"}); they are
// converted one at a time on a second thread, so the main thread always sees stdin close: on
// EOF (the Node thread closed it, or the whole Node process died, even by SIGKILL) or SIGTERM it
// ends soffice, removes BASE_DIR and the pipe files, and exits.
export const BRIDGE_PY = String.raw`
import json, os, queue, resource, shutil, signal, subprocess, sys, threading, time

soffice, base, pipe_name, start_timeout, max_mb = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), int(sys.argv[5])
out_lock = threading.Lock()
state = {"proc": None, "desktop": None, "sockets": []}

def emit(message):
    with out_lock:
        sys.stdout.write(json.dumps(message) + "\n")
        sys.stdout.flush()

def socket_paths(sid):
    # The unix sockets soffice bound (its pipe and its single-instance pipe live in /tmp, not
    # under TMPDIR, and stay behind if soffice is killed).
    inodes = set()
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            if os.getsid(int(name)) != sid:
                continue
            for fd in os.listdir("/proc/%s/fd" % name):
                target = os.readlink("/proc/%s/fd/%s" % (name, fd))
                if target.startswith("socket:["):
                    inodes.add(target[8:-1])
        except OSError:
            pass
    paths = set()
    try:
        with open("/proc/net/unix") as table:
            next(table)
            for line in table:
                parts = line.split()
                if len(parts) >= 8 and parts[6] in inodes and parts[7].startswith("/"):
                    paths.add(parts[7])
    except OSError:
        pass
    return sorted(paths)

def cleanup(graceful):
    proc, desktop = state["proc"], state["desktop"]
    if proc is not None and proc.poll() is None:
        if graceful and desktop is not None:
            closer = threading.Thread(target=lambda: desktop.terminate(), daemon=True)
            closer.start()
            try:
                proc.wait(3)
            except subprocess.TimeoutExpired:
                pass
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except OSError:
                pass
            proc.wait()
    shutil.rmtree(base, ignore_errors=True)
    for path in state["sockets"]:
        try:
            os.unlink(path)
        except OSError:
            pass

def leave(code, graceful=False):
    cleanup(graceful)
    sys.stdout.flush()
    os._exit(code)

signal.signal(signal.SIGTERM, lambda *_: leave(0))
signal.signal(signal.SIGINT, signal.SIG_IGN)

try:
    import uno
    from com.sun.star.beans import PropertyValue
    from com.sun.star.connection import NoConnectException
except ImportError as error:
    emit({"event": "error", "code": "needs-libreoffice", "reason": "python3-uno is missing (%s)" % error})
    leave(0)

def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p

def limit_memory():
    limit = max_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

profile = os.path.join(base, "profile")
temp = os.path.join(base, "tmp")
os.makedirs(temp, exist_ok=True)
env = dict(os.environ, TMPDIR=temp, TMP=temp, TEMP=temp)
try:
    state["proc"] = subprocess.Popen(
        [soffice, "-env:UserInstallation=" + uno.systemPathToFileUrl(profile), "--headless", "--invisible",
         "--norestore", "--nologo", "--nodefault", "--nolockcheck", "--accept=pipe,name=%s;urp;" % pipe_name],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
        start_new_session=True, preexec_fn=limit_memory if max_mb > 0 else None)
except OSError as error:
    emit({"event": "error", "code": "needs-libreoffice", "reason": "cannot run %s (%s)" % (soffice, error.strerror)})
    leave(0)

local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
deadline = time.time() + start_timeout
while True:
    if state["proc"].poll() is not None:
        emit({"event": "error", "code": "needs-libreoffice", "reason": "soffice exited with code %s while starting" % state["proc"].returncode})
        leave(0)
    try:
        context = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe_name)
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        desktop.getComponents()
        state["desktop"] = desktop
        break
    except Exception:
        if time.time() > deadline:
            emit({"event": "error", "code": "timeout", "reason": "LibreOffice did not start within %g s" % start_timeout})
            leave(0)
        time.sleep(0.1)
state["sockets"] = socket_paths(state["proc"].pid)
emit({"event": "ready", "pid": state["proc"].pid, "sockets": state["sockets"]})

LOAD = (prop("Hidden", True), prop("ReadOnly", True), prop("MacroExecutionMode", 0), prop("UpdateDocMode", 0))

def convert(request):
    document = state["desktop"].loadComponentFromURL(uno.systemPathToFileUrl(request["input"]), "_blank", 0, LOAD)
    if document is None:
        raise RuntimeError("it does not open as a document")
    try:
        document.storeToURL(uno.systemPathToFileUrl(request["output"]), (prop("FilterName", request["filter"]), prop("Overwrite", True)))
    finally:
        try:
            document.close(True)
        except Exception:
            document.dispose()

def serve(requests):
    while True:
        request = requests.get()
        if state["proc"].poll() is not None:
            emit({"id": request["id"], "ok": False, "unstarted": True, "reason": "soffice had exited (code %s)" % state["proc"].returncode})
            leave(3)
        try:
            convert(request)
            emit({"id": request["id"], "ok": True})
        except Exception as error:
            crashed = state["proc"].poll() is not None
            reason = str(getattr(error, "Message", "") or error).splitlines()[0:1] or [type(error).__name__]
            emit({"id": request["id"], "ok": False, "reason": reason[0][:300], "crashed": crashed})
            if crashed:
                leave(3)

requests = queue.Queue()
threading.Thread(target=serve, args=(requests,), daemon=True).start()
for line in sys.stdin:
    if line.strip():
        requests.put(json.loads(line))
leave(0, graceful=True)
`;
