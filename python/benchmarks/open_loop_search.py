"""The cross-entropy method over open-loop action sequences, shared by the benchmarks that ask
what a robot can do at all (turn over, jump) rather than what an agent has learned."""
import argparse

import numpy as np


def cross_entropy(score, shape, iterations, population, random):
    """The best ``score(knots)`` the cross-entropy method finds over arrays ``knots`` of ``shape``
    (knots × actions) with entries in [−1, 1]: each iteration samples ``population`` candidates
    around the mean and refits mean and spread to the best tenth."""
    mean, deviation = np.zeros(shape), np.ones(shape)
    elites = max(2, population // 10)
    best = -np.inf
    for _ in range(iterations):
        candidates = np.clip(mean + deviation * random.standard_normal((population, *shape)), -1, 1)
        scores = np.array([score(knots) for knots in candidates])
        chosen = candidates[np.argsort(scores)[-elites:]]
        mean, deviation = chosen.mean(axis=0), chosen.std(axis=0) + 0.05
        best = max(best, scores.max())
    return best


def restorer(env):
    """A function that puts the Gait environment ``env`` back in the state it is in now."""
    snapshot = env.unwrapped.snapshot()
    return lambda: env.unwrapped.restore(snapshot)


def first_starts(env, count, seeds, settle, what):
    """The first ``count`` starts of the Gait environment ``env`` among ``seeds``, as (seed,
    reading, a function that restores the start): ``settle(seed)`` resets ``env`` from the seed,
    lets it settle and returns a reading, or None to pass the seed over. Exits, naming ``what``
    was sought, when fewer are found."""
    found = []
    for seed in seeds:
        reading = settle(seed)
        if reading is not None:
            found.append((seed, reading, restorer(env)))
            if len(found) == count:
                return found
    raise SystemExit(f"fewer than {count} {what} among seeds {seeds.start} to {seeds.stop - 1}")


def search_parser(description, starts_help):
    """An argument parser with the search's options: --starts (help ``starts_help``),
    --iterations, --population and --seed; read it with ``parse_search``."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--starts", type=int, default=2, help=starts_help)
    parser.add_argument("--iterations", type=int, default=40, help="cross-entropy iterations (default 40)")
    parser.add_argument("--population", type=int, default=128, help="sequences per iteration (default 128)")
    parser.add_argument("--seed", type=int, default=0)
    return parser


def parse_search(parser):
    """The parsed arguments of a ``search_parser``, with the search's options checked."""
    arguments = parser.parse_args()
    for name, low, high in (("starts", 1, 100), ("iterations", 1, 1000), ("population", 4, 10_000)):
        if not low <= getattr(arguments, name) <= high:
            parser.error(f"--{name} must be from {low} to {high}")
    return arguments
