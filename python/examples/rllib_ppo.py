"""Trains PPO on a Gait environment with RLlib, on one machine or on a Ray cluster.

One machine (Ray starts inside the script):

    python3 python/examples/rllib_ppo.py --env pendulum --env-runners 2 --iterations 20

A cluster (Gait installed on every node, see docs/python.md):

    ray start --head --port 6379                   # on the head machine
    ray start --address HEAD_IP:6379               # on every other machine
    python3 python/examples/rllib_ppo.py --address HEAD_IP:6379 --env walker-run --env-runners 16

Each env runner makes its environments with ``gait.make`` inside its own process, so the runners
step Gait's environments in parallel across the cluster's machines.
"""
import argparse
import json

import ray
from ray.rllib.algorithms.ppo import PPOConfig
from ray.tune.registry import register_env


def make_environment(config):
    """Builds one Gait environment inside an env runner (Gait is imported there)."""
    import gait
    return gait.make(config["env_id"])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--env", default="pendulum", help="a Gait environment id (default pendulum)")
    parser.add_argument("--address", default=None, help="a running Ray cluster's address (default: start Ray here)")
    parser.add_argument("--env-runners", type=int, default=2, help="env runner processes (default 2)")
    parser.add_argument("--iterations", type=int, default=10, help="training iterations (default 10)")
    parser.add_argument("--batch", type=int, default=4000, help="environment steps per iteration (default 4000)")
    parser.add_argument("--seed", type=int, default=0)
    arguments = parser.parse_args()

    ray.init(address=arguments.address)
    nodes = sum(1 for node in ray.nodes() if node["Alive"])
    print(json.dumps({"nodes": nodes, "cpus": ray.cluster_resources().get("CPU")}), flush=True)
    register_env("gait", make_environment)
    config = (
        PPOConfig()
        .environment("gait", env_config={"env_id": arguments.env})
        .env_runners(num_env_runners=arguments.env_runners)
        .training(train_batch_size_per_learner=arguments.batch, minibatch_size=min(256, arguments.batch), num_epochs=10,
                  lr=3e-4, gamma=0.99, lambda_=0.95)
        .debugging(seed=arguments.seed)
    )
    algorithm = config.build_algo()
    for iteration in range(1, arguments.iterations + 1):
        result = algorithm.train()
        runners = result["env_runners"]
        print(json.dumps({"iteration": iteration, "env_steps": runners.get("num_env_steps_sampled_lifetime"),
                          "episode_return_mean": runners.get("episode_return_mean")}), flush=True)
    algorithm.stop()
    ray.shutdown()


if __name__ == "__main__":
    main()
