#!/usr/bin/env python3
"""Distinct patient questions for the load benchmark (bench/run-load-distinct.sh).

  distinct_questions.py COUNT ROUND FILE.jsonl...   prints COUNT JSON lines {"q": ...}

Each line is a question of the given eval sets with an opening and a closing a patient might add
("hi, ", "quick question: ", " thanks", " please"...), so that no two lines of a round, and no line of
two different rounds, are the same text: the bot's cache of message vectors cannot serve any of them,
and every message costs the sentence model a call, as distinct patients' questions do.
"""
import itertools
import json
import sys

OPENINGS = ["", "hi, ", "hello, ", "quick question: ", "sorry to bother you, ", "i was wondering ", "can you tell me ",
            "ok so ", "hey there, ", "good morning, ", "one more thing, ", "my friend asked me, "]
CLOSINGS = ["", " thanks", " please", " ??", " thank you", " cheers", " x", " asap", " thanks in advance", " :)",
            " ty", " if you know"]


def main() -> None:
    count, round_number, files = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
    questions = []
    for path in files:
        with open(path, encoding="utf-8") as f:
            questions += [json.loads(line)["q"] for line in f if line.strip()]
    questions = list(dict.fromkeys(questions))
    combos = list(itertools.product(range(len(OPENINGS)), range(len(CLOSINGS))))
    total = len(questions) * len(combos)
    # Every (question, opening, closing) combination in one fixed order, questions varying fastest, the few
    # that come out the same ("does it hurt" + "?" and "does it hurt?") once; each round takes its own slice.
    texts = []
    seen = set()
    for i in range(total):
        q = questions[i % len(questions)]
        o, c = combos[(i // len(questions)) % len(combos)]
        text = OPENINGS[o] + (q.rstrip("?") + CLOSINGS[c] if CLOSINGS[c] else q)
        if text.lower() not in seen:
            seen.add(text.lower())
            texts.append(text)
    chosen = texts[count * round_number:count * (round_number + 1)]
    if len(chosen) < count:
        sys.exit(f"only {len(texts)} distinct questions: ask for fewer or fewer rounds")
    for text in chosen:
        print(json.dumps({"q": text}))

if __name__ == "__main__":
    main()
