"""The cross-entropy method over open-loop action sequences, shared by the benchmarks that ask
what a robot can do at all (turn over, jump) rather than what an agent has learned."""
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
