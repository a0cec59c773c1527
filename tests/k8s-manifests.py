#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Check packaging/kubernetes/*.yaml offline, and take pieces out of them.

  k8s-manifests.py check FILE...        schema and consistency checks; one
                                        line per check: "PASS<TAB>what" or
                                        "FAIL<TAB>what<TAB>why"
  k8s-manifests.py configmap FILE DIR   write each data key of the ConfigMap
                                        in FILE to DIR/KEY
  k8s-manifests.py script FILE NAME     container NAME's args[0] (a script)
  k8s-manifests.py env FILE NAME        its env as NAME=VALUE lines
  k8s-manifests.py command FILE NAME    its command and args, one per line

The schema is the part of the Kubernetes API (core/v1 Pod, ConfigMap;
apps/v1 DaemonSet; kustomize's Kustomization) these manifests use, field
names and types as the API defines them: an unknown or misspelt field, a
wrong type or a bad enum value fails, as kubectl --validate=strict would.
Then what the manifests must agree on: selectors and labels, volume names,
the installer's privileges, and the profile paths the Pods name.
"""
import json
import re
import sys

import yaml


class Enum:
    def __init__(self, *values):
        self.values = values


class Quantity:
    pattern = re.compile(r"^[0-9]+(\.[0-9]+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?$")


class IntOrString:
    pass


DNS_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
CAP_NAMES = Enum(*"""AUDIT_CONTROL AUDIT_READ AUDIT_WRITE BLOCK_SUSPEND BPF
    CHECKPOINT_RESTORE CHOWN DAC_OVERRIDE DAC_READ_SEARCH FOWNER FSETID IPC_LOCK
    IPC_OWNER KILL LEASE LINUX_IMMUTABLE MAC_ADMIN MAC_OVERRIDE MKNOD NET_ADMIN
    NET_BIND_SERVICE NET_BROADCAST NET_RAW PERFMON SETFCAP SETGID SETPCAP SETUID
    SYS_ADMIN SYS_BOOT SYS_CHROOT SYS_MODULE SYS_NICE SYS_PACCT SYS_PTRACE
    SYS_RAWIO SYS_RESOURCE SYS_TIME SYS_TTY_CONFIG SYSLOG WAKE_ALARM ALL""".split())
STR_MAP = {str: str}
# A schema is a mapping of field names (a trailing "!": required) to
# schemas, {str: schema} for a map, [schema] for a list, a type, an Enum,
# Quantity or IntOrString.
META = {"name!": str, "namespace": str, "labels": STR_MAP, "annotations": STR_MAP}
SECCOMP = {"type!": Enum("RuntimeDefault", "Localhost", "Unconfined"),
           "localhostProfile": str}
SEC_CTX = {"runAsUser": int, "runAsGroup": int, "runAsNonRoot": bool,
           "allowPrivilegeEscalation": bool, "readOnlyRootFilesystem": bool,
           "privileged": bool, "procMount": Enum("Default", "Unmasked"),
           "capabilities": {"add": [CAP_NAMES], "drop": [CAP_NAMES]},
           "seccompProfile": SECCOMP}
POD_SEC_CTX = {"runAsUser": int, "runAsGroup": int, "runAsNonRoot": bool,
               "fsGroup": int, "supplementalGroups": [int],
               "seccompProfile": SECCOMP}
RESOURCES = {"requests": {str: Quantity}, "limits": {str: Quantity}}
CONTAINER = {
    "name!": str, "image!": str, "command": [str], "args": [str],
    "imagePullPolicy": Enum("Always", "IfNotPresent", "Never"),
    "env": [{"name!": str, "value": str}],
    "ports": [{"containerPort!": int, "name": str,
               "protocol": Enum("TCP", "UDP", "SCTP")}],
    "securityContext": SEC_CTX, "resources": RESOURCES,
    "volumeMounts": [{"name!": str, "mountPath!": str, "readOnly": bool,
                      "subPath": str}],
}
VOLUME = {
    "name!": str,
    "configMap": {"name!": str, "defaultMode": int, "optional": bool},
    "hostPath": {"path!": str, "type": Enum(
        "", "DirectoryOrCreate", "Directory", "FileOrCreate", "File",
        "Socket", "CharDevice", "BlockDevice")},
    "emptyDir": {"medium": str, "sizeLimit": Quantity},
}
POD_SPEC = {
    "containers!": [CONTAINER], "initContainers": [CONTAINER],
    "volumes": [VOLUME], "securityContext": POD_SEC_CTX,
    "tolerations": [{"key": str, "operator": Enum("Exists", "Equal"),
                     "value": str, "effect": Enum(
                         "NoSchedule", "PreferNoSchedule", "NoExecute"),
                     "tolerationSeconds": int}],
    "automountServiceAccountToken": bool, "serviceAccountName": str,
    "terminationGracePeriodSeconds": int, "nodeSelector": STR_MAP,
    "priorityClassName": str, "hostNetwork": bool, "hostPID": bool,
    "restartPolicy": Enum("Always", "OnFailure", "Never"),
}
KINDS = {
    ("v1", "ConfigMap"): {"apiVersion!": str, "kind!": str, "metadata!": META,
                          "data": STR_MAP, "immutable": bool},
    ("v1", "Pod"): {"apiVersion!": str, "kind!": str, "metadata!": META,
                    "spec!": POD_SPEC},
    ("apps/v1", "DaemonSet"): {
        "apiVersion!": str, "kind!": str, "metadata!": META,
        "spec!": {
            "selector!": {"matchLabels!": STR_MAP},
            # The template's metadata needs no name.
            "template!": {"metadata!": {"labels!": STR_MAP, "annotations": STR_MAP},
                          "spec!": POD_SPEC},
            "updateStrategy": {"type": Enum("RollingUpdate", "OnDelete"),
                               "rollingUpdate": {"maxUnavailable": IntOrString,
                                                 "maxSurge": IntOrString}},
            "minReadySeconds": int, "revisionHistoryLimit": int,
        }},
    ("kustomize.config.k8s.io/v1beta1", "Kustomization"): {
        "apiVersion!": str, "kind!": str, "resources": [str],
        "namespace": str, "commonLabels": STR_MAP},
}


def schema_errors(value, schema, path):
    """The ways VALUE does not fit SCHEMA, as 'path: problem' strings."""
    errs = []
    if isinstance(schema, dict) and len(schema) == 1 and str in schema:
        if not isinstance(value, dict):
            return ["%s: expected a mapping" % path]
        for k, v in value.items():
            if not isinstance(k, str):
                errs.append("%s: key %r is not a string" % (path, k))
            errs += schema_errors(v, schema[str], "%s.%s" % (path, k))
        return errs
    if isinstance(schema, dict):
        if not isinstance(value, dict):
            return ["%s: expected a mapping" % path]
        fields = {k.rstrip("!"): s for k, s in schema.items()}
        for k in schema:
            if k.endswith("!") and k[:-1] not in value:
                errs.append("%s: %s is required" % (path, k[:-1]))
        for k, v in value.items():
            if k not in fields:
                errs.append("%s: unknown field %r" % (path, k))
            else:
                errs += schema_errors(v, fields[k], "%s.%s" % (path, k))
        return errs
    if isinstance(schema, list):
        if not isinstance(value, list):
            return ["%s: expected a list" % path]
        for i, v in enumerate(value):
            errs += schema_errors(v, schema[0], "%s[%d]" % (path, i))
        return errs
    if isinstance(schema, Enum):
        if value not in schema.values:
            return ["%s: %r is not one of %s" % (path, value, ", ".join(
                repr(v) for v in schema.values))]
        return []
    if schema is Quantity:
        if not isinstance(value, (str, int)) or not Quantity.pattern.match(str(value)):
            return ["%s: %r is not a quantity" % (path, value)]
        return []
    if schema is IntOrString:
        return [] if isinstance(value, (int, str)) else ["%s: not an int or string" % path]
    if schema is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
        return [] if ok else ["%s: %r is not an integer" % (path, value)]
    if not isinstance(value, schema):
        return ["%s: %r is not a %s" % (path, value, schema.__name__)]
    return []


class Report:
    def __init__(self):
        self.failed = False

    def check(self, what, problems):
        problems = [p for p in problems if p]
        if problems:
            self.failed = True
            print("FAIL\t%s\t%s" % (what, "; ".join(problems)))
        else:
            print("PASS\t%s" % what)


def load(path):
    with open(path, encoding="utf-8") as f:
        return [d for d in yaml.safe_load_all(f) if d is not None]


def containers(spec):
    return spec.get("initContainers", []) + spec.get("containers", [])


def pod_spec(doc):
    if doc["kind"] == "Pod":
        return doc["spec"]
    if doc["kind"] == "DaemonSet":
        return doc["spec"]["template"]["spec"]
    return None


def descending(path):
    """The kubelet's rule for localhostProfile: relative, no '..'."""
    return bool(path) and not path.startswith("/") and ".." not in path.split("/")


def cmd_check(files):
    r = Report()
    docs = []
    for f in files:
        for d in load(f):
            docs.append((f, d))
    for f, d in docs:
        key = (d.get("apiVersion"), d.get("kind"))
        name = "%s %s %s" % (f.split("/")[-1], d.get("kind"),
                             d.get("metadata", {}).get("name", ""))
        if key not in KINDS:
            r.check("%s: a kind this check knows" % name, ["%s/%s" % key])
            continue
        r.check("%s: fields, types and values" % name,
                schema_errors(d, KINDS[key], d["kind"]))
        meta = d.get("metadata", {})
        if "name" in meta:
            r.check("%s: the name is a DNS subdomain" % name,
                    [] if re.match(r"^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", meta["name"])
                    and len(meta["name"]) <= 253 else [meta["name"]])
        spec = pod_spec(d)
        if spec is None:
            continue
        vols = [v["name"] for v in spec.get("volumes", [])]
        bad = []
        for c in containers(spec):
            if not DNS_LABEL.match(c["name"]):
                bad.append("container name %r" % c["name"])
            for m in c.get("volumeMounts", []):
                if m["name"] not in vols:
                    bad.append("%s mounts undeclared volume %r" % (c["name"], m["name"]))
        for v in vols:
            if not DNS_LABEL.match(v):
                bad.append("volume name %r" % v)
        if len(set(vols)) != len(vols):
            bad.append("duplicate volume names")
        r.check("%s: names are DNS labels, every mount has its volume" % name, bad)
        if d["kind"] == "DaemonSet":
            sel = d["spec"]["selector"]["matchLabels"]
            labels = d["spec"]["template"]["metadata"]["labels"]
            r.check("%s: the selector matches the template's labels" % name,
                    ["%s=%s" % kv for kv in sel.items() if labels.get(kv[0]) != kv[1]])
        for c in containers(spec):
            prof = c.get("securityContext", {}).get("seccompProfile", {})
            if prof.get("type") == "Localhost":
                lp = prof.get("localhostProfile", "")
                r.check("%s: %s: localhostProfile %s is a descending path"
                        % (name, c["name"], lp), [] if descending(lp) else [lp])
    consistency(r, docs)
    return 1 if r.failed else 0


def consistency(r, docs):
    """What the ConfigMap, the installer and the Pods must agree on."""
    by_kind = {}
    for _, d in docs:
        by_kind.setdefault(d["kind"], []).append(d)
    cms = {d["metadata"]["name"]: d for d in by_kind.get("ConfigMap", [])}
    for cm in cms.values():
        bad = []
        for k, v in cm.get("data", {}).items():
            try:
                json.loads(v)
            except ValueError as e:
                bad.append("%s: %s" % (k, e))
            if not k.endswith(".json"):
                bad.append("%s does not end in .json (the installer copies *.json)" % k)
        r.check("ConfigMap %s: every key is a JSON profile" % cm["metadata"]["name"], bad)
    root = "/var/lib/kubelet/seccomp/"
    installs = {}  # ConfigMap name -> directory under root
    for ds in by_kind.get("DaemonSet", []):
        spec = ds["spec"]["template"]["spec"]
        vols = {v["name"]: v for v in spec.get("volumes", [])}
        bad = []
        for c in containers(spec):
            sc = c.get("securityContext", {})
            init = c in spec.get("initContainers", [])
            if sc.get("allowPrivilegeEscalation") is not False:
                bad.append("%s: allowPrivilegeEscalation is not false" % c["name"])
            if sc.get("readOnlyRootFilesystem") is not True:
                bad.append("%s: readOnlyRootFilesystem is not true" % c["name"])
            if sc.get("capabilities", {}).get("drop") != ["ALL"]:
                bad.append("%s: does not drop ALL capabilities" % c["name"])
            added = sc.get("capabilities", {}).get("add", [])
            if init:
                if added not in ([], ["CHOWN"]):
                    bad.append("%s: adds %s (CHOWN at most)" % (c["name"], added))
            else:
                if added or sc.get("runAsNonRoot") is not True or not sc.get("runAsUser"):
                    bad.append("%s: not non-root without capabilities" % c["name"])
            for m in c.get("volumeMounts", []):
                hp = vols[m["name"]].get("hostPath")
                if hp and not hp["path"].startswith(root):
                    bad.append("%s: hostPath %s is not a directory under %s"
                               % (c["name"], hp["path"], root))
                if vols[m["name"]].get("configMap") and not m.get("readOnly"):
                    bad.append("%s: the ConfigMap is not mounted read-only" % c["name"])
        if spec.get("securityContext", {}).get("seccompProfile", {}).get("type") != "RuntimeDefault":
            bad.append("the Pod template does not ask for RuntimeDefault seccomp")
        if spec.get("automountServiceAccountToken") is not False:
            bad.append("the service account token is mounted")
        r.check("DaemonSet %s: non-root installer, the init container has CHOWN "
                "at most, read-only, no escalation" % ds["metadata"]["name"], bad)
        # The installer's SRC and DST are where its volumes are mounted.
        for c in spec.get("containers", []):
            env = {e["name"]: e.get("value") for e in c.get("env", [])}
            mounts = {vols[m["name"]].get("configMap") and "SRC" or "DST": m["mountPath"]
                      for m in c.get("volumeMounts", [])}
            if "SRC" in env or "DST" in env:
                r.check("DaemonSet %s: %s: SRC and DST are its ConfigMap and hostPath mounts"
                        % (ds["metadata"]["name"], c["name"]),
                        ["%s=%s, mounted at %s" % (k, env.get(k), mounts.get(k))
                         for k in ("SRC", "DST") if env.get(k) != mounts.get(k)])
        hosts = [v["hostPath"]["path"] for v in vols.values() if "hostPath" in v]
        cmsrc = [v["configMap"]["name"] for v in vols.values() if "configMap" in v]
        r.check("DaemonSet %s: one ConfigMap, one directory under %s"
                % (ds["metadata"]["name"], root),
                [] if len(hosts) == 1 and len(cmsrc) == 1 else ["%s %s" % (hosts, cmsrc)])
        if len(hosts) == 1 and len(cmsrc) == 1:
            installs[cmsrc[0]] = hosts[0][len(root):].strip("/")
            r.check("DaemonSet %s: its ConfigMap %s is among the manifests"
                    % (ds["metadata"]["name"], cmsrc[0]),
                    [] if cmsrc[0] in cms else ["missing"])
    # Each Pod's profile is one the installer puts on the nodes.
    installed = set()
    for cmname, sub in installs.items():
        for k in cms.get(cmname, {}).get("data", {}):
            installed.add("%s/%s" % (sub, k))
    for pod in by_kind.get("Pod", []):
        spec = pod["spec"]
        vols = {v["name"]: v for v in spec.get("volumes", [])}
        for c in spec["containers"]:
            prof = c.get("securityContext", {}).get("seccompProfile", {})
            if prof.get("type") == "Localhost":
                lp = prof["localhostProfile"]
                r.check("Pod %s: localhostProfile %s is installed by the DaemonSet"
                        % (pod["metadata"]["name"], lp),
                        [] if lp in installed else ["installed: %s" % sorted(installed)])
            cmd = c.get("command", [])
            if cmd[:1] == ["/seccomp-run"]:
                bad = []
                if len(cmd) != 4 or cmd[1] != "-p" or cmd[3] != "--":
                    bad.append("command is not /seccomp-run -p REF --: %s" % cmd)
                else:
                    ref = cmd[2]
                    # Where -p REF reads inside the container, and whether
                    # a ConfigMap mounted there has the file.
                    found = False
                    for m in c.get("volumeMounts", []):
                        cmv = vols[m["name"]].get("configMap")
                        mp = m["mountPath"].rstrip("/") + "/"
                        target = root + ref
                        if cmv and target.startswith(mp):
                            key = target[len(mp):]
                            found = key in cms.get(cmv["name"], {}).get("data", {})
                            if not m.get("readOnly"):
                                bad.append("the profile volume is writable")
                    if not found:
                        bad.append("-p %s reads %s%s, which no mounted ConfigMap holds"
                                   % (ref, root, ref))
                    if ref not in installed:
                        bad.append("%s is not the installed profile's name" % ref)
                r.check("Pod %s: seccomp-run -p %s reads the ConfigMap's profile, "
                        "the name the nodes have it under" % (pod["metadata"]["name"],
                                                              cmd[2] if len(cmd) > 2 else "?"),
                        bad)


def find_container(path, name):
    for d in load(path):
        spec = pod_spec(d)
        if spec:
            for c in containers(spec):
                if c["name"] == name:
                    return c
    sys.exit("no container %s in %s" % (name, path))


def main(argv):
    if len(argv) >= 3 and argv[1] == "check":
        return cmd_check(argv[2:])
    if len(argv) == 4 and argv[1] == "configmap":
        for d in load(argv[2]):
            if d.get("kind") == "ConfigMap":
                for k, v in d.get("data", {}).items():
                    with open("%s/%s" % (argv[3], k), "w", encoding="utf-8") as f:
                        f.write(v)
        return 0
    if len(argv) == 4 and argv[1] in ("script", "env", "command"):
        c = find_container(argv[2], argv[3])
        if argv[1] == "script":
            sys.stdout.write(c["args"][0])
        elif argv[1] == "env":
            for e in c.get("env", []):
                print("%s=%s" % (e["name"], e["value"]))
        else:
            for a in c.get("command", []) + c.get("args", []):
                print(a)
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
