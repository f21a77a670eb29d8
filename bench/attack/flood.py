"""Issue 11, High 1: the bounded attack on Direct Line and /api/messages, from one address, with the
bot's default limits, and the bot's resident memory (VmRSS) before and after.

    python3 bench/attack/flood.py PID http://127.0.0.1:PORT [POSTS] [GETS]

PID is the bot's process id, whose /proc/PID/status is read. The attack: 4 Web Chat conversations; POSTS
activities (default 10,000) padded to 250 KB each (a long text, a long name, attachments, channel data)
spread over them, 8 at a time; GETS transcript reads (default 1,000), 40 at a time; 600 /api/messages
posts with 200 KB conversation ids. A smaller round from 127.0.0.2 comes first (start-up and JIT are not
the attack's), and a question from 127.0.0.3 must still be answered after it. Prints statuses and RSS.
"""
import concurrent.futures
import http.client
import json
import sys
import time
import urllib.parse


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def request(base, method, path, body=None, token=None, source=None):
    url = urllib.parse.urlparse(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60, source_address=(source, 0) if source else None)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        return response.status, data
    except Exception as error:  # a refused or reset connection is a result too
        return type(error).__name__, b""
    finally:
        connection.close()


def padded_activity(user_id, i):
    pad = "x" * 40_000
    return json.dumps({
        "type": "message",
        "from": {"id": user_id, "name": pad},
        "text": f"question {i} " + "q" * 60_000,
        "channelData": {"clientActivityID": f"c{i}", "padding": pad},
        "attachments": [{"contentType": "text/plain", "content": pad} for _ in range(2)],
        "unknown": "u" * 30_000,
    }).encode()


def tally(results):
    counts = {}
    for status, _ in results:
        counts[status] = counts.get(status, 0) + 1
    return counts


def attack(pid, base, posts, gets, long_ids, source):
    """One round from one loopback address; returns nothing, prints what the bot answered."""
    def send(method, path, body=None, token=None):
        return request(base, method, path, body, token, source)

    conversations = []
    for i in range(4):
        status, data = send("POST", "/api/webchat/token", json.dumps({"userId": f"attacker-{i}"}).encode())
        session = json.loads(data)
        send("POST", "/v3/directline/conversations", b"{}", session["token"])
        conversations.append((session["conversationId"], session["token"], session["userId"]))

    started = time.time()
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda i: send("POST", f"/v3/directline/conversations/{conversations[i % 4][0]}/activities",
                                               padded_activity(conversations[i % 4][2], i), conversations[i % 4][1]), range(posts)))
    print(f"  {posts} padded posts in {time.time() - started:.0f} s: {tally(results)}; RSS {rss_mb(pid):.0f} MB")

    started = time.time()
    with concurrent.futures.ThreadPoolExecutor(40) as pool:
        results = list(pool.map(lambda i: send("GET", f"/v3/directline/conversations/{conversations[i % 4][0]}/activities",
                                               token=conversations[i % 4][1]), range(gets)))
    biggest = max(len(data) for _, data in results)
    print(f"  {gets} GETs (40 at a time) in {time.time() - started:.0f} s: {tally(results)}, largest body {biggest / 1024:.0f} KB; RSS {rss_mb(pid):.0f} MB")

    long_id = "c" * 200_000
    def post_long_id(i):
        activity = {"type": "message", "text": "hi", "deliveryMode": "expectReplies", "from": {"id": "u"},
                    "conversation": {"id": long_id + str(i)}, "recipient": {"id": "b"}}
        return send("POST", "/api/messages", json.dumps(activity).encode())
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        results = list(pool.map(post_long_id, range(long_ids)))
    print(f"  {long_ids} /api/messages posts with 200 KB conversation ids: {tally(results)}; RSS {rss_mb(pid):.0f} MB")


def main():
    pid, base = int(sys.argv[1]), sys.argv[2].rstrip("/")
    posts = int(sys.argv[3]) if len(sys.argv) > 3 else 10_000
    gets = int(sys.argv[4]) if len(sys.argv) > 4 else 1_000
    print(f"RSS at start: {rss_mb(pid):.0f} MB")
    # A smaller round from another address first, so that start-up, JIT and the heap's first growth are not counted.
    print("Warm-up from 127.0.0.2:")
    attack(pid, base, 200, 100, 100, "127.0.0.2")
    time.sleep(2)
    before = rss_mb(pid)
    print(f"RSS before: {before:.0f} MB")
    print("Attack from 127.0.0.1:")
    attack(pid, base, posts, gets, 600, "127.0.0.1")

    # From another loopback address: the attacker's own budget is spent, a patient's is not.
    status, data = request(base, "POST", "/api/messages", source="127.0.0.3", body=json.dumps({
        "type": "message", "text": "Does acupuncture hurt?", "deliveryMode": "expectReplies", "from": {"id": "u"},
        "conversation": {"id": "after-the-attack"}, "recipient": {"id": "b"}}).encode())
    time.sleep(5)
    after = rss_mb(pid)
    print(f"A question from 127.0.0.3 after the attack: {status}, {'answered' if b'pinch' in data else 'NOT answered'}")
    print(f"RSS after: {after:.0f} MB ({after - before:+.0f} MB)")


if __name__ == "__main__":
    main()
