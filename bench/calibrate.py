"""Fit the repeat scorer's weights (`xinfang.cases.similarity.WEIGHTS`) on generated
registers: every pair of a case and an earlier case that the identity rule takes for the
same petitioner, labelled by whether the two are truly one matter, and a logistic
regression (Newton's method, plain Python) over the scorer's features.

    python bench/calibrate.py                      # seeds 1001-1004, 4,000 rows each
    python bench/calibrate.py --seeds 1001 1002 --n 2000

It prints the fitted weights, to be rounded into similarity.py, and how well the fitted
probabilities are calibrated (predicted against observed, by tenths). The seeds here are
not the tests' nor the ones the figures in the notes are measured on.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import math
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

import repeatgen  # noqa: E402

from xinfang.cases import similarity  # noqa: E402
from xinfang.cases.identity import Who, same_person  # noqa: E402
from xinfang.vocab import normalize_category  # noqa: E402

# The features fitted; the others of `similarity.features` are kept at 0: the kind of
# evidence a pair's identity rests on, and how much of the shorter text is shared, say
# more of how the generator makes rows than of how people come back.
NAMES = ("rarest", "apart", "same_number", "other_number", "agree_personal", "agree", "conflict", "other_things", "nothing_shared", "same_category",
         "far_category")


def petitions(register: repeatgen.Register) -> list[tuple[int, dt.date, Who, str | None, str]]:
    """The rows as the ledger would read them (the person record resolved as the writer
    does: by ID number, else by name and phone), in order of receipt."""
    by_id: dict[str, int] = {}
    by_pair: dict[tuple[str, str], int] = {}
    out = []
    for row in sorted(register.rows, key=lambda r: (r["登记日期"], int(r["序号"]))):
        name, id_number, phone = row["姓名"].strip(), row["身份证号"] or None, row["联系电话"] or None
        record = by_id.get(id_number) if id_number else by_pair.get((name, phone or ""))
        if record is None:
            record = len(by_id) + len(by_pair)
            if id_number:
                by_id[id_number] = record
            elif phone:
                by_pair[(name, phone)] = record
        who = Who.given(record, name, id_number, phone, row["住址"] or None)
        category = normalize_category(row["问题类别"]) if row["问题类别"] else None
        out.append((int(row["序号"]), dt.date.fromisoformat(row["登记日期"]), who, category,
                    row["诉求摘要"]))
    return out


def pairs(register: repeatgen.Register) -> list[tuple[list[float], int]]:
    truth = {int(t["seq"]): t for t in register.truth}
    rows = petitions(register)
    tally = similarity.Tally()
    for *_, content in rows:
        tally.add(content)
    rarity = similarity.Rarity(tally, len(rows))
    by_key: dict[str, list[int]] = collections.defaultdict(list)
    out = []
    for index, (seq, day, who, category, content) in enumerate(rows):
        seen = {i for key in who.keys() for i in by_key[key]}
        for i in sorted(seen):
            old_seq, old_day, old_who, old_category, old_content = rows[i]
            identity = same_person(who, old_who)
            if identity is None:
                continue
            home = " ".join(w.address.split("|")[0] for w in (who, old_who) if w.address)
            x = similarity.features(similarity.text_of(content), similarity.text_of(old_content),
                                    rarity, category_a=category, category_b=old_category,
                                    days=(day - old_day).days, home=home)
            label = int(truth[seq]["matter"] == truth[old_seq]["matter"])
            out.append(([x[name] for name in NAMES], label))
        for key in who.keys():
            by_key[key].append(index)
    return out


def fit(data: list[tuple[list[float], int]], rounds: int = 30, ridge: float = 1.0) -> list[float]:
    """Logistic regression by Newton's method, a small ridge keeping it finite."""
    k = len(NAMES) + 1
    beta = [0.0] * k
    for _ in range(rounds):
        gradient = [0.0] * k
        hessian = [[0.0] * k for _ in range(k)]
        for x, y in data:
            row = [1.0, *x]
            p = 1 / (1 + math.exp(-sum(b * v for b, v in zip(beta, row, strict=True))))
            for i in range(k):
                gradient[i] += (y - p) * row[i]
                for j in range(k):
                    hessian[i][j] += p * (1 - p) * row[i] * row[j]
        for i in range(1, k):
            gradient[i] -= ridge * beta[i]
            hessian[i][i] += ridge
        step = _solve(hessian, gradient)
        beta = [b + s for b, s in zip(beta, step, strict=True)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return beta


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(n):
            if r != col and m[col][col]:
                f = m[r][col] / m[col][col]
                m[r] = [x - f * y for x, y in zip(m[r], m[col], strict=True)]
    return [m[i][n] / m[i][i] if m[i][i] else 0.0 for i in range(n)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1001, 1002, 1003, 1004])
    parser.add_argument("--n", type=int, default=4000)
    args = parser.parse_args(argv)
    data = [pair for seed in args.seeds
            for pair in pairs(repeatgen.generate(args.n, seed=seed))]
    beta = fit(data)
    print(f"{len(data)} pairs, {sum(y for _, y in data)} of one matter")
    print(f'    "bias": {beta[0]:.2f},')
    for name, value in zip(NAMES, beta[1:], strict=True):
        print(f'    "{name}": {value:.2f},')
    bins: dict[int, list[int]] = collections.defaultdict(list)
    for x, y in data:
        z = beta[0] + sum(b * v for b, v in zip(beta[1:], x, strict=True))
        bins[min(int(10 / (1 + math.exp(-z))), 9)].append(y)
    for tenth in sorted(bins):
        found = bins[tenth]
        print(f"  predicted {tenth / 10:.1f}–{(tenth + 1) / 10:.1f}: observed "
              f"{sum(found) / len(found):.2f} of {len(found)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
