"""Pathological inputs for the facts stage (times, quantities, and the rest of `newsfuse facts`).

cases() yields (name, bytes); run.py writes each to a file and runs `newsfuse facts --plain
FILE`, which must end in time with a result or a one-line error. Inputs are generated here,
never stored. Each is built so that a quadratic step would show: one sentence of 1 MB, tens
of thousands of numbers or dates in a row, a quotation mark that never closes.
"""
import random


def cases():
    rnd = random.Random(5)
    # one sentence of 1 MB: no period, dates and numbers all along it
    unit = b"the council met on Friday and spent 2.5 million euros on 14 crew members, "
    yield "sentence-1mb.txt", b"The " + unit * ((1 << 20) // len(unit)) + b"end."
    # 10,000 numbers in a row, in several notations
    yield "numbers-10k.txt", b" ".join(str(i).encode() for i in range(10000)) + b".\n"
    yield "numbers-separators-10k.txt", b" ".join(b"%d,%03d.%d" % (i, i % 1000, i % 10) for i in range(10000)) + b"\n"
    yield "money-ranges-10k.txt", b" ".join(b"$%d to $%d million" % (i, i + 1) for i in range(10000)) + b"\n"
    yield "percent-run.txt", b"up " + b"5% " * 20000 + b"\n"
    # numbers that never end
    yield "digits-1mb.txt", b"9" * (1 << 20) + b" percent\n"
    yield "dotted-number.txt", b"1." * 200000 + b"1 km\n"
    yield "commas-number.txt", b"1" + b",000" * 200000 + b" tons\n"
    # a quotation mark that never closes
    yield "unclosed-quote.txt", b'She said "' + b"prices fell 5 percent on Monday and " * 20000 + b"\n"
    # impossible and repeated dates
    yield "february-30.txt", b"The deadline is February 30, 2026. " * 20000 + b"\n"
    yield "weekdays-100k.txt", b"Friday " * 100000 + b"\n"
    yield "relative-chain.txt", b"three days after the previous day " * 30000 + b"\n"
    yield "spanish-dates.txt", ("el martes 10 de marzo de 2026 cerca de 2,5 millones de euros " * 10000).encode()
    # text in a language without rules, and noise
    thai = "การประชุมจัดขึ้นเมื่อวันศุกร์ที่ผ่านมา และมีผู้เข้าร่วม ๒๕ คน "
    yield "thai.txt", (thai * 3000).encode()
    yield "symbols.txt", bytes(rnd.choice(b"$%-.,:/0123456789 ") for _ in range(500000))
    yield "mixed-scripts.txt", ("Пятница 5 км, 星期五 5公里, الجمعة ٥ كم, Friday 5 km. " * 5000).encode()
