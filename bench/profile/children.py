"""Splits one method's CPU samples among the methods it calls (bench/run-profile.sh).

    python3 bench/profile/children.py SCRIPT.txt 'KnowledgeIndex::Search' [DEPTH]

SCRIPT.txt is `perf script -F comm,ip,sym` output. For every sample whose call stack holds a frame
containing the given text, the sample is counted for the frame DEPTH levels below it (default 1), or as
"<self>" when the method itself was running. Shares are of all samples of the recording.
"""
import collections
import re
import sys


def short(frame):
    frame = re.sub(r'\[[^\]]*\]', '', frame)
    frame = re.sub(r'\b(class|instance|valuetype) ', '', frame)
    match = re.search(r'([\w.`+<>|]+::[\w.<>`|]+)\(', frame)
    return match.group(1) if match else frame.strip()[:90]


def samples(path):
    stack = []
    with open(path, errors='replace') as lines:
        for line in lines:
            if line.startswith((' ', '\t')) and line.strip():
                parts = line.strip().split(None, 1)
                stack.append(parts[1] if len(parts) > 1 else parts[0])
            else:
                if stack:
                    yield stack  # leaf first
                stack = []
    if stack:
        yield stack


def main():
    path, target = sys.argv[1], sys.argv[2]
    depth = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    total = inside = 0
    callees = collections.Counter()
    for stack in samples(path):
        total += 1
        for i, frame in enumerate(stack):
            if target in frame:
                inside += 1
                callees['<self>' if i == 0 else ' > '.join(short(f) for f in reversed(stack[max(0, i - depth):i]))] += 1
                break
    if total == 0:
        print('no samples')
        return
    print(f'== {target}: {inside / total * 100:.1f}% of all samples, split by what it calls')
    for name, count in callees.most_common(20):
        print(f'  {count / total * 100:5.2f}%  {name}')


if __name__ == '__main__':
    main()
