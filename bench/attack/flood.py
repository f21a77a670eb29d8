"""Issue 11, High 1: the bounded attack on Direct Line and /api/messages, from one address, with the
bot's default limits, and the bot's resident memory (VmRSS) before and after.

    python3 bench/attack/flood.py PID http://127.0.0.1:PORT [POSTS] [GETS]

PID is the bot's process id, whose /proc/PID/status is read. The attack: 4 Web Chat conversations; POSTS
activities (default 10,000) padded to 250 KB each (a long text, a long name, attachments, channel data)
spread over them, 8 at a time; GETS transcript reads (default 1,000), 40 at a time; 600 /api/messages
posts with 200 KB conversation ids. Then a question from another address (127.0.0.3) must still be answered. Prints statuses and RSS.
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


def main():
    pid, base = int(sys.argv[1]), sys.argv[2].rstrip("/")
    posts = int(sys.argv[3]) if len(sys.argv) > 3 else 10_000
    gets = int(sys.argv[4]) if len(sys.argv) > 4 else 1_000
    before = rss_mb(pid)
    print(f"RSS before: {before:.0f} MB")

    conversations = []
    for i in range(4):
        status, data = request(base, "POST", "/api/webchat/token", json.dumps({"userId": f"attacker-{i}"}).encode())
        session = json.loads(data)
        status, data = request(base, "POST", "/v3/directline/conversations", b"{}", session["token"])
        conversations.append((session["conversationId"], session["token"], session["userId"]))

    started = time.time()
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda i: request(base, "POST", f"/v3/directline/conversations/{conversations[i % 4][0]}/activities",
                                                  padded_activity(conversations[i % 4][2], i), conversations[i % 4][1]), range(posts)))
    print(f"{posts} padded posts in {time.time() - started:.0f} s: {tally(results)}; RSS {rss_mb(pid):.0f} MB")

    started = time.time()
    with concurrent.futures.ThreadPoolExecutor(40) as pool:
        results = list(pool.map(lambda i: request(base, "GET", f"/v3/directline/conversations/{conversations[i % 4][0]}/activities",
                                                  token=conversations[i % 4][1]), range(gets)))
    biggest = max(len(data) for _, data in results)
    print(f"{gets} GETs (40 at a time) in {time.time() - started:.0f} s: {tally(results)}, largest body {biggest / 1024:.0f} KB; RSS {rss_mb(pid):.0f} MB")

    long_id = "c" * 200_000
    def post_long_id(i):
        activity = {"type": "message", "text": "hi", "deliveryMode": "expectReplies", "from": {"id": "u"},
                    "conversation": {"id": long_id + str(i)}, "recipient": {"id": "b"}}
        return request(base, "POST", "/api/messages", json.dumps(activity).encode())
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        results = list(pool.map(post_long_id, range(600)))
    print(f"600 /api/messages posts with 200 KB conversation ids: {tally(results)}; RSS {rss_mb(pid):.0f} MB")

    # From another loopback address: the attacker's own budget is spent, a patient's is not.
    status, data = request(base, "POST", "/api/messages", source="127.0.0.3", body=json.dumps({
        "type": "message", "text": "Does acupuncture hurt?", "deliveryMode": "expectReplies", "from": {"id": "u"},
        "conversation": {"id": "after-the-attack"}, "recipient": {"id": "b"}}).encode())
    time.sleep(5)
    after = rss_mb(pid)
    print(f"A question after the attack: {status}, {'answered' if b'pinch' in data else 'NOT answered'}")
    print(f"RSS after: {after:.0f} MB ({after - before:+.0f} MB)")


if __name__ == "__main__":
    main()
