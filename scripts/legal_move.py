#!/usr/bin/env python3
"""Prints "NIP SLOT" of a legal move on a running `mutasi serve`: the first candidate (a PNS
with a post, an open slot) whose propose_move the server accepts. Used by the benchmark
scripts (bench-server.sh, bench-processes.sh) to find a push that passes the rules.

Usage: legal_move.py URL TOKEN
"""
import json, sys, urllib.request, urllib.error, uuid, time, os
url, token = sys.argv[1], sys.argv[2]
def get(path):
    req = urllib.request.Request(url + path, headers={"authorization": f"Bearer {token}"})
    return json.load(urllib.request.urlopen(req))
cursor, emps, slots = 0, [], []
while True:
    page = get(f"/api/sync/pull?since={cursor}&limit=5000")
    for r in page["records"]:
        if r["kind"] == "employee" and r["data"].get("current") and r["data"]["status"] == "PNS":
            emps.append(r["data"])
        if r["kind"] == "slot" and not r["data"].get("holder"):
            slots.append(r["data"])
    cursor = page["cursor"]
    if not page["more"]:
        break
def v7():
    ms = int(time.time() * 1000)
    rnd = int.from_bytes(os.urandom(10), "big")
    n = (ms << 80) | (0x7 << 76) | ((rnd >> 68) & 0xfff) << 64 | (0b10 << 62) | (rnd & ((1 << 62) - 1))
    return str(uuid.UUID(int=n))
for e in emps[:400]:
    for s in slots[:60]:
        op = {"id": v7(), "base_version": 0, "reason": "Pemenuhan kebutuhan organisasi (benchmark)",
              "change": {"type": "propose_move", "proposal": v7(), "nip": e["nip"], "slot": s["id"], "tmt": "2027-04-01"}}
        req = urllib.request.Request(url + "/api/sync/push", data=json.dumps({"ops": [op]}).encode(),
            headers={"authorization": f"Bearer {token}", "content-type": "application/json"})
        try:
            urllib.request.urlopen(req)
            print(e["nip"], s["id"])
            sys.exit(0)
        except urllib.error.HTTPError:
            pass
sys.exit("no legal move found")
